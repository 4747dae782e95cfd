import jsqr from 'jsqr';

/**
 * The printer's side of ESC/POS, for tests: reads a byte stream the way a receipt printer
 * does (commands, raster data, real-time status requests) without trusting our encoder.
 */
export interface PrintedImage {
  width: number;
  height: number;
  /** One byte per dot, 1 = black. */
  dots: Uint8Array;
}

export type EscPosEvent =
  | { type: 'slice'; image: PrintedImage }
  | { type: 'cut' }
  | { type: 'init' }
  | { type: 'status'; n: number };

/** Reads commands until the stream ends or a command is cut off; returns them and the unread rest. */
export function readCommands(bytes: Uint8Array): { events: EscPosEvent[]; rest: Uint8Array } {
  const events: EscPosEvent[] = [];
  let i = 0;
  const need = (n: number) => i + n <= bytes.length;
  const at = (k: number) => bytes[i + k] as number;
  while (i < bytes.length) {
    const b = at(0);
    const prefix = b === 0x10 || b === 0x1b || b === 0x1c || b === 0x1d;
    if (prefix && !need(3)) break;
    if (b === 0x10 && at(1) === 0x04) {
      events.push({ type: 'status', n: at(2) });
      i += 3;
    } else if (b === 0x1d && at(1) === 0x76) {
      if (!need(8)) break;
      const widthBytes = at(4) + at(5) * 256;
      const rows = at(6) + at(7) * 256;
      if (!need(8 + widthBytes * rows)) break;
      const dots = new Uint8Array(widthBytes * 8 * rows);
      for (let k = 0; k < widthBytes * rows; k++) {
        const byte = at(8 + k);
        for (let bit = 0; bit < 8; bit++) dots[k * 8 + bit] = (byte >> (7 - bit)) & 1;
      }
      events.push({ type: 'slice', image: { width: widthBytes * 8, height: rows, dots } });
      i += 8 + widthBytes * rows;
    } else if (b === 0x1d && at(1) === 0x28) {
      if (!need(5)) break;
      const length = at(3) + at(4) * 256;
      if (!need(5 + length)) break;
      i += 5 + length; // GS ( functions with a length: none of ours, skipped whole
    } else if (b === 0x1d && at(1) === 0x56) {
      events.push({ type: 'cut' });
      i += 3;
    } else if (b === 0x1b && at(1) === 0x40) {
      events.push({ type: 'init' });
      i += 2;
    } else if (b === 0x1b && (at(1) === 0x4d || at(1) === 0x61 || at(1) === 0x64)) i += 3;
    else if (b === 0x1c && at(1) === 0x2e) i += 2;
    else i += 1; // line feeds
  }
  return { events, rest: bytes.slice(i) };
}

/** Stacks raster slices into one image, as the paper shows them. */
export function joinSlices(slices: readonly PrintedImage[]): PrintedImage {
  const width = slices[0]?.width ?? 0;
  const height = slices.reduce((h, s) => h + s.height, 0);
  const dots = new Uint8Array(width * height);
  let y = 0;
  for (const s of slices) {
    if (s.width !== width) throw new Error(`slice width ${s.width} differs from ${width}`);
    dots.set(s.dots, y * width);
    y += s.height;
  }
  return { width, height, dots };
}

/** One whole job: its image (all slices), the QR code a phone reads on it, and whether it was cut. */
export function readJob(bytes: Uint8Array): {
  image: PrintedImage;
  slices: PrintedImage[];
  qr: string | null;
  cuts: number;
} {
  const { events, rest } = readCommands(bytes);
  if (rest.length > 0) throw new Error(`${rest.length} bytes of an unfinished command`);
  const slices = events.flatMap((e) => (e.type === 'slice' ? [e.image] : []));
  const image = joinSlices(slices);
  return {
    image,
    slices,
    qr: readQr(image),
    cuts: events.filter((e) => e.type === 'cut').length,
  };
}

/** Decodes a QR code on the paper as a phone's scanner would, from the dots alone. */
export function readQr(image: PrintedImage): string | null {
  if (image.width === 0) return null;
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let k = 0; k < image.dots.length; k++) {
    const shade = image.dots[k] ? 0 : 255;
    rgba.set([shade, shade, shade, 255], k * 4);
  }
  // The package is CommonJS: under Node's ESM its function is the default's default.
  return jsqr.default(rgba, image.width, image.height)?.data ?? null;
}
