import { EventEmitter } from 'node:events';
import type { SerialPort } from 'serialport';
import { type Transport, TransportError, type TransportEvents } from './transport.js';

export interface SerialOptions {
  path: string;
  /** Default 115200: a raster ticket is tens of kilobytes, about 45 s at 9600. */
  baudRate?: number;
}

/** A printer on a serial port (RS-232 or a USB–serial adapter) through `serialport`. */
export class SerialTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'serial';
  readonly readsBack = true;
  readonly baudRate: number;
  readonly #path: string;
  #port: SerialPort | null = null;

  constructor(options: SerialOptions) {
    super();
    this.#path = options.path;
    this.baudRate = options.baudRate ?? 115_200;
  }

  get isOpen(): boolean {
    return this.#port !== null;
  }

  async open(): Promise<void> {
    if (this.#port) return;
    // Loaded on first use: its native binding costs ~16 MB, paid only where a serial printer is.
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({ path: this.#path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (err) {
          reject(new TransportError(`Không mở được cổng ${this.#path} (${err.message}).`, 'open'));
          return;
        }
        let failure: Error | null = null;
        port.on('error', (e) => {
          failure = e;
        });
        port.on('data', (chunk: Buffer) => this.emit('data', chunk));
        port.once('close', (e: Error | null) => {
          if (this.#port !== port) return;
          this.#port = null;
          this.emit('close', e ?? failure);
        });
        this.#port = port;
        resolve();
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port) return Promise.reject(new TransportError(`Cổng ${this.#path} chưa mở.`, 'closed'));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      // drain waits until the OS has sent the bytes, so the job's time is the wire's time.
      port.drain((err) =>
        err ? reject(new TransportError(`Gửi dữ liệu thất bại (${err.message}).`, 'write')) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
