import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { type Bitmap, bitmapToRgba } from './bitmap.js';

export interface RasterJobOptions {
  /** Blank lines fed after the image so the cut clears it; default 3. */
  feedLines?: number;
  /** Partial cut after the job; default true. Printers without a cutter ignore it. */
  cut?: boolean;
  /** A QR code printed under the image (native GS ( k, not rasterised). */
  qr?: string;
}

/**
 * One print job: initialise, the bitmap as GS v 0 raster in slices of at most 255 rows (the
 * encoder slices; some printers read only the low byte of the height), feed, cut.
 */
export function rasterJob(bitmap: Bitmap, options: RasterJobOptions = {}): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    imageMode: 'raster',
    columns: bitmap.width >= 576 ? 48 : 32,
    feedBeforeCut: 0,
    newline: '\n',
  });
  encoder
    .initialize()
    .image(
      { data: bitmapToRgba(bitmap), width: bitmap.width, height: bitmap.height },
      bitmap.width,
      bitmap.height,
      'threshold',
      128,
    );
  if (options.qr) encoder.align('center').qrcode(options.qr, { model: 2, size: 6, errorlevel: 'm' });
  encoder.newline(options.feedLines ?? 3);
  if (options.cut ?? true) encoder.cut('partial');
  return encoder.encode();
}

/** DLE EOT n: real-time status request; each answers one byte, even while the printer is offline. */
export const statusQuery = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** The four queries one status round sends, in the order their replies come back. */
export const STATUS_ROUND: readonly (1 | 2 | 3 | 4)[] = [1, 2, 3, 4];
