/**
 * The renderer's own process. Skia (through @napi-rs/canvas) is native code holding tens of
 * megabytes of caches; out here a crash or a leak costs a restart of this process, never the
 * queue, and the queue's memory stays its own.
 */
import { type RenderRequest, renderJob } from './raster.js';

const collect = (globalThis as { gc?: () => void }).gc;

process.on('message', (message: { id: number; request: RenderRequest }) => {
  let reply: object;
  try {
    reply = { id: message.id, result: renderJob(message.request) };
  } catch (err) {
    reply = { id: message.id, error: err instanceof Error ? err.message : String(err) };
  }
  process.send?.(reply);
  // Pixel buffers are freed by finalizers V8 runs lazily; collect while idle so memory stays flat.
  if (collect) setImmediate(collect);
});
process.on('disconnect', () => process.exit(0));
