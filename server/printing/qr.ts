import QRCode from 'qrcode';
import type { Bitmap } from '../../drivers/escpos/bitmap.js';

/** Modules of white around the symbol, as the QR standard asks for a reliable scan. */
const QUIET = 4;

/**
 * The bitmap with a QR code of `text` drawn under it, centred. Drawn as dots rather than sent
 * as the printer's own QR command (GS ( k), which cheap printers lack or draw at their own
 * size: this way every printer that prints the ticket prints the QR, and the preview is the
 * paper.
 */
export function withQr(bitmap: Bitmap, text: string): Bitmap {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // 6 dots a module on 80 mm paper, 4 on 58 mm: about 0.75 and 0.5 mm, easy for a phone.
  const scale = bitmap.width >= 576 ? 6 : 4;
  const side = (modules.size + 2 * QUIET) * scale;
  const height = bitmap.height + Math.ceil(side / 8) * 8;
  const dots = new Uint8Array(bitmap.width * height);
  dots.set(bitmap.dots);
  const left = Math.floor((bitmap.width - modules.size * scale) / 2);
  const top = bitmap.height + QUIET * scale;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const start = (top + row * scale + y) * bitmap.width + left + col * scale;
        dots.fill(1, start, start + scale);
      }
    }
  }
  return { width: bitmap.width, height, dots };
}
