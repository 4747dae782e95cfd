import { rasterJob } from '../../drivers/escpos/commands.js';
import { bitmapPng } from './preview.js';
import { withQr } from './qr.js';
import { type ReceiptPrint, receiptBlocks } from './receipt-layout.js';
import { renderBlocks } from './render.js';
import { type TestPrint, type TicketPrint, testBlocks, ticketBlocks } from './ticket-layout.js';

export type RenderRequest =
  | { kind: 'ticket'; ticket: TicketPrint; width: number }
  | { kind: 'test'; test: TestPrint; width: number }
  | { kind: 'receipt'; receipt: ReceiptPrint; width: number };

export interface Rendered {
  /** The ESC/POS bytes of the whole job. */
  bytes: Uint8Array;
  /** The same dots as a PNG. */
  png: Uint8Array;
  width: number;
  height: number;
}

/** Renders a job to the bytes a printer takes and the preview of the very same dots. */
export function renderJob(request: RenderRequest): Rendered {
  const text = renderBlocks(
    request.kind === 'ticket'
      ? ticketBlocks(request.ticket)
      : request.kind === 'receipt'
        ? receiptBlocks(request.receipt)
        : testBlocks(request.test),
    request.width,
  );
  // A receipt carries its code as a QR for the counter to scan; a ticket the link to its live
  // page; the test page one so a technician sees a QR prints sharp enough to scan.
  const qr =
    request.kind === 'receipt'
      ? request.receipt.code
      : request.kind === 'test'
        ? `TIEPSUC TEST ${request.test.printerId} ${request.test.at}`
        : request.ticket.link;
  const bitmap = qr ? withQr(text, qr) : text;
  return {
    bytes: rasterJob(bitmap),
    png: bitmapPng(bitmap),
    width: bitmap.width,
    height: bitmap.height,
  };
}
