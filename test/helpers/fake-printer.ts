import { encodeStatus, type PrinterStatus } from '../../drivers/escpos/status.js';
import { type EscPosEvent, joinSlices, type PrintedImage, readCommands, readQr } from './escpos-reader.js';

export const READY: PrinterStatus = {
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
  recoverableError: false,
};

/**
 * A receipt printer's logic behind any link: answers DLE EOT with the scripted state, and
 * keeps every ticket it printed (the raster up to a cut). Printing does nothing while the
 * paper is out or the cover is open; the bytes are then lost, as on a real printer.
 */
export class FakePrinter {
  status: PrinterStatus = { ...READY };
  readonly tickets: PrintedImage[] = [];
  statusRequests = 0;
  /** Every byte that arrived, status requests included. */
  bytesReceived = 0;
  #pending: Uint8Array = new Uint8Array();
  #slices: PrintedImage[] = [];

  constructor(readonly send: (bytes: Uint8Array) => void) {}

  /** The QR codes a scanner reads on the printed tickets, in print order. */
  get qrCodes(): string[] {
    return this.tickets.flatMap((t) => readQr(t) ?? []);
  }

  /** Bytes from the host, in whatever chunks the link delivered them. */
  receive(chunk: Uint8Array): void {
    this.bytesReceived += chunk.length;
    const joined = new Uint8Array(this.#pending.length + chunk.length);
    joined.set(this.#pending);
    joined.set(chunk, this.#pending.length);
    const { events, rest } = readCommands(joined);
    this.#pending = rest;
    for (const event of events) this.#handle(event);
  }

  #handle(event: EscPosEvent): void {
    const canPrint = !this.status.paperOut && !this.status.coverOpen;
    if (event.type === 'status') {
      this.statusRequests++;
      const reply = encodeStatus(this.status)[event.n - 1] as number;
      this.send(Uint8Array.of(reply));
    } else if (event.type === 'slice' && canPrint) this.#slices.push(event.image);
    else if (event.type === 'cut' && this.#slices.length > 0) {
      this.tickets.push(joinSlices(this.#slices));
      this.#slices = [];
    }
  }
}
