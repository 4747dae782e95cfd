import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { type Bitmap, packDots } from './bitmap.js';

export interface RasterJobOptions {
  /** Blank lines fed after the image so the cut clears it; default 3. */
  feedLines?: number;
  /** Partial cut after the job; default true. Printers without a cutter ignore it. */
  cut?: boolean;
}

/** Rows per GS v 0 command: some printers read only the low byte of the height. */
const SLICE_ROWS = 255;

/**
 * The bitmap as GS v 0 raster commands, in slices of at most 255 rows. Written here rather
 * than through the encoder's image(): that takes RGBA, converts and thresholds it again and
 * cost two thirds of a ticket's render time, while our dots are already black and white.
 */
export function rasterCommands(bitmap: Bitmap): Uint8Array {
  const stride = bitmap.width / 8;
  const packed = packDots(bitmap);
  const slices = Math.ceil(bitmap.height / SLICE_ROWS);
  const out = new Uint8Array(packed.length + 8 * slices);
  let at = 0;
  for (let top = 0; top < bitmap.height; top += SLICE_ROWS) {
    const rows = Math.min(SLICE_ROWS, bitmap.height - top);
    out.set([0x1d, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8], at);
    out.set(packed.subarray(top * stride, (top + rows) * stride), at + 8);
    at += 8 + rows * stride;
  }
  return out;
}

/** One print job: initialise, the bitmap as GS v 0 raster, feed, cut. */
export function rasterJob(bitmap: Bitmap, options: RasterJobOptions = {}): Uint8Array {
  const encoder = () =>
    new ReceiptPrinterEncoder({
      language: 'esc-pos',
      imageMode: 'raster',
      columns: bitmap.width >= 576 ? 48 : 32,
      feedBeforeCut: 0,
      newline: '\n',
    });
  // The raster goes between what the encoder writes before and after it, not through the
  // encoder: it copies raw bytes one by one, which for 30 KB of dots is most of its time.
  const head = encoder().initialize().encode();
  const tail = encoder().newline();
  tail.newline(options.feedLines ?? 3);
  if (options.cut ?? true) tail.cut('partial');
  const parts = [head, rasterCommands(bitmap), tail.encode()];
  const job = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    job.set(part, at);
    at += part.length;
  }
  return job;
}

/** DLE EOT n: real-time status request; each answers one byte, even while the printer is offline. */
export const statusQuery = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** The four queries one status round sends, in the order their replies come back. */
export const STATUS_ROUND: readonly (1 | 2 | 3 | 4)[] = [1, 2, 3, 4];
