/**
 * The renderer's own process. Skia (through @napi-rs/canvas) is native code holding tens of
 * megabytes of caches; out here a crash or a leak costs a restart of this process, never the
 * queue, and the queue's memory stays its own.
 */
import { serveRequests } from '../workers/child-worker.js';
import { renderJob } from './raster.js';

serveRequests(renderJob);
