import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { PrintedImage } from './escpos-reader.js';

/** A PNG's pixels as dots (dark = 1), through skia's decoder rather than the encoder that wrote it. */
export async function pngDots(png: Uint8Array): Promise<PrintedImage> {
  const image = await loadImage(Buffer.from(png));
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  const dots = new Uint8Array(image.width * image.height);
  for (let i = 0; i < dots.length; i++) dots[i] = (rgba[i * 4] as number) < 128 ? 1 : 0;
  return { width: image.width, height: image.height, dots };
}

/** How many dots differ between two images of the same size; -1 when the sizes differ. */
export function dotsDiffering(a: PrintedImage, b: PrintedImage): number {
  if (a.width !== b.width || a.height !== b.height) return -1;
  return a.dots.reduce((n, d, i) => n + (d === b.dots[i] ? 0 : 1), 0);
}
