import { EventEmitter } from 'node:events';
import net from 'node:net';
import { type Transport, TransportError, type TransportEvents } from './transport.js';

export interface TcpOptions {
  host: string;
  /** Default 9100, the raw printing port. */
  port?: number;
  /** Default 3000 ms: a printer on the LAN answers a connect at once or not at all. */
  connectTimeoutMs?: number;
}

/** Raw TCP (JetDirect, port 9100): one long-lived connection, which also carries status replies. */
export class TcpTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'tcp';
  readonly readsBack = true;
  readonly baudRate = null;
  readonly #options: Required<TcpOptions>;
  #socket: net.Socket | null = null;

  constructor(options: TcpOptions) {
    super();
    this.#options = { port: 9100, connectTimeoutMs: 3000, ...options };
  }

  get isOpen(): boolean {
    return this.#socket !== null;
  }

  open(): Promise<void> {
    if (this.#socket) return Promise.resolve();
    const { host, port, connectTimeoutMs } = this.#options;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new TransportError(`Không kết nối được ${host}:${port} sau ${connectTimeoutMs} ms.`, 'timeout'),
        );
      }, connectTimeoutMs);
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new TransportError(`Không kết nối được ${host}:${port} (${err.message}).`, 'connect'));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        // A printer switched off sends no FIN; keep-alive notices the dead peer.
        socket.setKeepAlive(true, 5000);
        let failure: Error | null = null;
        socket.on('error', (err) => {
          failure = err;
        });
        socket.on('data', (chunk) => this.emit('data', chunk));
        socket.once('close', () => {
          if (this.#socket !== socket) return;
          this.#socket = null;
          this.emit('close', failure);
        });
        this.#socket = socket;
        resolve();
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(new TransportError('Chưa kết nối máy in.', 'closed'));
    return new Promise((resolve, reject) => {
      socket.write(data, (err) =>
        err ? reject(new TransportError(`Gửi dữ liệu thất bại (${err.message}).`, 'write')) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}
