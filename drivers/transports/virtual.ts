import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Transport, TransportError, type TransportEvents } from './transport.js';

/** A real-time status request (DLE EOT n) is three bytes; a round is several of them. */
const isStatusRequest = (data: Uint8Array): boolean =>
  data.length > 0 &&
  data.length % 3 === 0 &&
  data.every((b, i) => (i % 3 === 0 ? b === 0x10 : i % 3 === 1 ? b === 0x04 : b >= 1 && b <= 4));

/** What a healthy ESC/POS printer answers to DLE EOT n: no flag set. */
const READY_REPLY = 0x12;

/**
 * The printer of a demo or a center without one yet: each job's bytes go to a file in the
 * spool directory (`<label>.bin`). It answers status requests as a printer with paper would,
 * so the same status code runs as with a real printer, and takes as long over a job as a
 * printer would (`bytesPerSecond`; 0 for no wait): a kiosk shows "printing" as long as a
 * real one, and under load tickets are drawn no faster than any printer could print them.
 */
export class VirtualTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'virtual';
  readonly readsBack = true;
  readonly baudRate = null;
  readonly #dir: string;
  readonly #bytesPerSecond: number;
  #open = false;
  #count = 0;

  constructor(options: { dir: string; bytesPerSecond?: number }) {
    super();
    this.#dir = options.dir;
    this.#bytesPerSecond = options.bytesPerSecond ?? 0;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async open(): Promise<void> {
    try {
      await mkdir(this.#dir, { recursive: true });
    } catch (err) {
      throw new TransportError(
        `Không tạo được thư mục ${this.#dir} (${(err as NodeJS.ErrnoException).code}).`,
        'open',
      );
    }
    this.#open = true;
  }

  async write(data: Uint8Array, label?: string): Promise<void> {
    if (!this.#open) throw new TransportError('Máy in ảo chưa mở.', 'closed');
    if (isStatusRequest(data)) {
      const reply = Buffer.alloc(data.length / 3, READY_REPLY);
      setImmediate(() => this.emit('data', reply));
      return;
    }
    const name = label ?? `${Date.now()}-${++this.#count}`;
    try {
      await writeFile(path.join(this.#dir, `${name}.bin`), data);
    } catch (err) {
      throw new TransportError(`Không ghi được tệp in (${(err as NodeJS.ErrnoException).code}).`, 'write');
    }
    if (this.#bytesPerSecond > 0) {
      await new Promise((resolve) => setTimeout(resolve, (data.length / this.#bytesPerSecond) * 1000));
    }
  }

  async close(): Promise<void> {
    this.#open = false;
  }
}
