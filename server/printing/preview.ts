import { encode } from 'fast-png';
import type { Bitmap } from '../../drivers/escpos/bitmap.js';

/**
 * The PNG of exactly these dots, as a 1-bit greyscale image (0 = black): the preview shows
 * what the printer was sent, nothing smoother, and is a few kilobytes.
 */
export function bitmapPng(bitmap: Bitmap): Uint8Array {
  const stride = bitmap.width / 8;
  const packed = new Uint8Array(stride * bitmap.height);
  for (let i = 0; i < packed.length; i++) {
    let byte = 0;
    for (let b = 0; b < 8; b++) if (bitmap.dots[i * 8 + b] === 0) byte |= 0x80 >> b;
    packed[i] = byte;
  }
  return encode({ width: bitmap.width, height: bitmap.height, data: packed, depth: 1, channels: 1 });
}
