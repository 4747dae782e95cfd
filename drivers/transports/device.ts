import { EventEmitter } from 'node:events';
import { constants, type promises as fsp } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Transport, TransportError, type TransportEvents } from './transport.js';

/**
 * A printer as a device file, such as `/dev/usb/lp0` from the kernel's usblp driver. Opened
 * write-only and non-blocking: without O_CREAT a missing device is an error, not a new file,
 * and a device with nobody on the far end fails at once instead of hanging a thread.
 */
export class DeviceTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'device';
  readonly readsBack = false;
  readonly baudRate = null;
  readonly #path: string;
  #file: fsp.FileHandle | null = null;

  constructor(options: { path: string }) {
    super();
    this.#path = options.path;
  }

  get isOpen(): boolean {
    return this.#file !== null;
  }

  async open(): Promise<void> {
    if (this.#file) return;
    try {
      this.#file = await open(this.#path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      throw new TransportError(
        `Không mở được ${this.#path} (${(err as NodeJS.ErrnoException).code}).`,
        'open',
      );
    }
  }

  async write(data: Uint8Array): Promise<void> {
    const file = this.#file;
    if (!file) throw new TransportError(`${this.#path} chưa mở.`, 'closed');
    let offset = 0;
    while (offset < data.length) {
      try {
        const { bytesWritten } = await file.write(data, offset, data.length - offset);
        offset += bytesWritten;
      } catch (err) {
        // The device's buffer is full: it is printing; wait for it rather than fail the job.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          await sleep(5);
          continue;
        }
        await this.#lost();
        throw new TransportError(
          `Ghi vào ${this.#path} thất bại (${(err as NodeJS.ErrnoException).code}).`,
          'write',
        );
      }
    }
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = null;
    await file?.close();
  }

  async #lost(): Promise<void> {
    await this.close().catch(() => {});
    this.emit('close', null);
  }
}
