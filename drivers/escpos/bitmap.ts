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

/** Black and white RGBA of the dots: what the encoder and the PNG preview take. */
export function bitmapToRgba(bitmap: Bitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.dots.length; i++) {
    const v = bitmap.dots[i] === 1 ? 0 : 255;
    const o = i * 4;
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
  return rgba;
}
