import { ChildWorker, childEntry } from '../workers/child-worker.js';
import type { Rendered, RenderRequest } from './raster.js';

const entry = childEntry('render-process', import.meta.url);

/** Renders tickets in their own process (see ChildWorker), one at a time in order. */
export class Renderer {
  readonly #worker: ChildWorker<RenderRequest, Rendered>;

  /** `timeoutMs`: a ticket renders in milliseconds; a renderer silent this long is replaced. */
  constructor(timeoutMs: number) {
    this.#worker = new ChildWorker({
      entry,
      name: 'Bộ dựng vé',
      timeoutMs,
      maxOldSpaceMb: 64,
      idleExitMs: 0,
    });
  }

  render(request: RenderRequest): Promise<Rendered> {
    return this.#worker.request(request);
  }

  get pid(): number | null {
    return this.#worker.pid;
  }

  stop(): Promise<void> {
    return this.#worker.stop();
  }
}
