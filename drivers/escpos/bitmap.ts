/**
 * A 1-bit image, one byte per dot (1 = black), as a thermal printer sees it. Kept apart from
 * any canvas so the same dots become the ESC/POS raster and the PNG preview.
 */
export interface Bitmap {
  width: number;
  height: number;
  dots: Uint8Array;
}

/**
 * Thresholds RGBA pixels (as from `getImageData`) into dots, padding the height to a multiple
 * of 8 with white rows as GS v 0 needs. No dithering: dithered text prints fuzzy.
 */
export function thresholdRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Bitmap {
  if (width % 8 !== 0) throw new RangeError(`bitmap width ${width} is not a multiple of 8`);
  const paddedHeight = Math.ceil(height / 8) * 8;
  const dots = new Uint8Array(width * paddedHeight);
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const alpha = (rgba[o + 3] as number) / 255;
    // Transparent counts as paper; luminance by Rec. 601 weights.
    const luminance =
      255 -
      alpha *
        (255 -
          (0.299 * (rgba[o] as number) + 0.587 * (rgba[o + 1] as number) + 0.114 * (rgba[o + 2] as number)));
    dots[i] = luminance < 128 ? 1 : 0;
  }
  return { width, height: paddedHeight, dots };
}

/** The dots eight to a byte, most significant first, 1 = black: a raster row as ESC/POS takes it. */
export function packDots(bitmap: Bitmap): Uint8Array {
  const packed = new Uint8Array(bitmap.dots.length / 8);
  const { dots } = bitmap;
  for (let i = 0, d = 0; i < packed.length; i++, d += 8) {
    packed[i] =
      ((dots[d] as number) << 7) |
      ((dots[d + 1] as number) << 6) |
      ((dots[d + 2] as number) << 5) |
      ((dots[d + 3] as number) << 4) |
      ((dots[d + 4] as number) << 3) |
      ((dots[d + 5] as number) << 2) |
      ((dots[d + 6] as number) << 1) |
      (dots[d + 7] as number);
  }
  return packed;
}
