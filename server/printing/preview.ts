import { encode } from 'fast-png';
import { type Bitmap, packDots } from '../../drivers/escpos/bitmap.js';

/**
 * The PNG of exactly these dots, as a 1-bit greyscale image (0 = black): the preview shows
 * what the printer was sent, nothing smoother, and is a few kilobytes.
 */
export function bitmapPng(bitmap: Bitmap): Uint8Array {
  // In PNG greyscale 1 is white, the other way round from a printer's dots. Flipped in place:
  // a typed array's map with a callback cost 0.4 ms of a ticket's 7 ms render.
  const packed = packDots(bitmap);
  for (let i = 0; i < packed.length; i++) packed[i] = ~(packed[i] as number) & 0xff;
  return encode({ width: bitmap.width, height: bitmap.height, data: packed, depth: 1, channels: 1 });
}
