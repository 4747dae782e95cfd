import { STATUS_ROUND } from './commands.js';

/** What one DLE EOT round (n = 1..4) says about the printer. */
export interface PrinterStatus {
  offline: boolean;
  coverOpen: boolean;
  /** Printing stopped because the paper ran out (n=2 bit 5) or the roll sensor sees none (n=4 bits 5–6). */
  paperOut: boolean;
  /** The near-end sensor (n=4 bits 2–3): a few metres left. */
  paperNearEnd: boolean;
  cutterError: boolean;
  /** An error the printer does not recover from by itself (n=3 bit 5). */
  unrecoverableError: boolean;
  /** An error that clears by itself, such as the head overheating (n=3 bit 6). */
  recoverableError: boolean;
}

/**
 * Every real-time status byte has bit 1 and bit 4 set and bits 0 and 7 clear; that pattern
 * tells a reply from stray bytes (a printer's echo, line noise, an ASB message).
 */
export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

/** Reads the four reply bytes of a round, in the order of STATUS_ROUND. */
export function decodeStatus(replies: readonly number[]): PrinterStatus {
  const [printer = 0, offline = 0, error = 0, paper = 0] = replies;
  return {
    offline: bit(printer, 3),
    coverOpen: bit(offline, 2),
    paperOut: bit(offline, 5) || (bit(paper, 5) && bit(paper, 6)),
    paperNearEnd: bit(paper, 2) && bit(paper, 3),
    cutterError: bit(error, 3),
    unrecoverableError: bit(error, 5),
    recoverableError: bit(error, 6),
  };
}

/** The reply bytes a printer in `status` gives to a round: the inverse of decodeStatus, for fakes. */
export function encodeStatus(status: PrinterStatus): number[] {
  const on = (flag: boolean, mask: number) => (flag ? mask : 0);
  const paperEnd = status.paperOut;
  return [
    0x12 | on(status.offline || status.coverOpen || paperEnd || status.unrecoverableError, 0x08),
    0x12 |
      on(status.coverOpen, 0x04) |
      on(paperEnd, 0x20) |
      on(status.cutterError || status.unrecoverableError, 0x40),
    0x12 |
      on(status.cutterError, 0x08) |
      on(status.unrecoverableError, 0x20) |
      on(status.recoverableError, 0x40),
    0x12 | on(status.paperNearEnd || paperEnd, 0x0c) | on(paperEnd, 0x60),
  ];
}

/**
 * Streaming reader for the replies of one status round. Serial and TCP deliver bytes in
 * whatever chunks they like, so bytes are buffered until the four replies are in; bytes that
 * are not status bytes, and anything after the round is complete, are dropped.
 */
export class StatusParser {
  readonly #replies: number[] = [];

  /** Feeds received bytes; returns the status once the round is complete, else null. */
  feed(chunk: Uint8Array): PrinterStatus | null {
    for (const byte of chunk) {
      if (this.#replies.length === STATUS_ROUND.length || !isStatusByte(byte)) continue;
      this.#replies.push(byte);
      if (this.#replies.length === STATUS_ROUND.length) return decodeStatus(this.#replies);
    }
    return null;
  }
}
