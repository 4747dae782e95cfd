import type { EventEmitter } from 'node:events';

export interface TransportEvents {
  /** Bytes the printer sent back (status replies), in whatever chunks the link delivers. */
  data: [chunk: Buffer];
  /** The link went away on its own (cable pulled, peer closed); open() again to reconnect. */
  close: [error: Error | null];
}

/**
 * How bytes reach a printer. Knows nothing of ESC/POS: it opens a link, writes bytes, and
 * passes back whatever the printer answers when `readsBack` is true.
 */
export interface Transport extends EventEmitter<TransportEvents> {
  readonly kind: 'serial' | 'tcp' | 'device' | 'virtual';
  /** Whether the printer can answer on this link, so status queries make sense. */
  readonly readsBack: boolean;
  /** Bits per second on the wire, when the link is that slow; null when it is not a limit. */
  readonly baudRate: number | null;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes are handed to the link; `label` names a spooled job. */
  write(data: Uint8Array, label?: string): Promise<void>;
  close(): Promise<void>;
}

/** A failure of the link, with a message for the technician in Vietnamese. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** How long a transport waits between reconnect attempts: doubling from `baseMs` to `maxMs`. */
export class Backoff {
  #failures = 0;
  #readyAt = 0;

  constructor(
    readonly baseMs = 1000,
    readonly maxMs = 30_000,
  ) {}

  /** Whether an attempt may be made at `now`. */
  ready(now: number): boolean {
    return now >= this.#readyAt;
  }

  failed(now: number): number {
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** this.#failures);
    this.#failures++;
    this.#readyAt = now + delay;
    return delay;
  }

  succeeded(): void {
    this.#failures = 0;
    this.#readyAt = 0;
  }
}
