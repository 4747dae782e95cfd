import { describe, expect, it } from 'vitest';
import { type Bitmap, thresholdRgba } from '../../drivers/escpos/bitmap.js';
import { rasterJob, STATUS_ROUND, statusQuery } from '../../drivers/escpos/commands.js';
import {
  decodeStatus,
  encodeStatus,
  isStatusByte,
  type PrinterStatus,
  StatusParser,
} from '../../drivers/escpos/status.js';
import { readJob } from '../helpers/escpos-reader.js';
import { READY } from '../helpers/fake-printer.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A bitmap with a diagonal, so rows and columns are both checked. */
function diagonal(width: number, height: number): Bitmap {
  const dots = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) dots[y * width + (y % width)] = 1;
  return { width, height, dots };
}

describe('ESC/POS commands', () => {
  it('encodes a small raster job byte for byte', () => {
    const dots = new Uint8Array(16 * 8);
    dots[0] = 1; // top left
    dots[15] = 1; // top right
    dots[16 * 7 + 8] = 1; // bottom row, ninth dot
    const bytes = rasterJob({ width: 16, height: 8, dots }, { feedLines: 2 });
    expect(hex(bytes)).toBe(
      [
        '1b40', // ESC @ initialise
        '1c2e', // FS . leave Kanji mode
        '1b4d00', // ESC M 0 font A
        '1d763000', // GS v 0, normal size
        '0200', // 2 bytes a row
        '0800', // 8 rows
        '8001', // row 0: dots 0 and 15
        '0000'.repeat(6),
        '0080', // row 7: dot 8
        '0a', // end of the image block
        '0a0a', // two feed lines
        '1d5601', // GS V 1 partial cut
        '0a',
      ].join(''),
    );
  });

  it('sends tall images in slices of at most 255 rows that stack back into the image', () => {
    const bitmap = diagonal(576, 600);
    const job = readJob(rasterJob(bitmap));
    expect(job.slices.map((s) => s.height)).toEqual([255, 255, 90]);
    expect(job.image.width).toBe(576);
    expect(Buffer.from(job.image.dots).equals(Buffer.from(bitmap.dots))).toBe(true);
    expect(job.cuts).toBe(1);
  });

  it('leaves out the cut when asked', () => {
    expect(readJob(rasterJob(diagonal(384, 16), { cut: false })).cuts).toBe(0);
  });

  it('asks status with DLE EOT 1 to 4', () => {
    expect(STATUS_ROUND.map((n) => hex(statusQuery(n)))).toEqual(['100401', '100402', '100403', '100404']);
  });

  it('thresholds without dithering and pads the height to whole bytes', () => {
    // Four pixels: black, dark grey, light grey, transparent.
    const rgba = Uint8Array.of(0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255, 0, 0, 0, 0);
    const bitmap = thresholdRgba(new Uint8Array([...rgba, ...new Uint8Array(16 * 4 - 16)]), 8, 2);
    expect(bitmap.height).toBe(8);
    expect([...bitmap.dots.slice(0, 4)]).toEqual([1, 1, 0, 0]);
    expect(bitmap.dots.slice(16).every((d) => d === 0)).toBe(true);
  });
});

describe('status replies', () => {
  const states: Record<string, PrinterStatus> = {
    ready: READY,
    nearEnd: { ...READY, paperNearEnd: true },
    paperOut: { ...READY, paperOut: true, paperNearEnd: true, offline: true },
    coverOpen: { ...READY, coverOpen: true, offline: true },
    cutter: { ...READY, cutterError: true },
    overheated: { ...READY, recoverableError: true },
  };

  it('reads the bits of each byte as Epson documents them', () => {
    // n=1 offline (bit 3); n=2 cover open (bit 2), paper end stop (bit 5); n=3 cutter (bit 3);
    // n=4 near end (bits 2-3), paper end (bits 5-6).
    expect(decodeStatus([0x12, 0x12, 0x12, 0x12])).toEqual(READY);
    expect(decodeStatus([0x1a, 0x16, 0x12, 0x12])).toMatchObject({ offline: true, coverOpen: true });
    expect(decodeStatus([0x12, 0x12, 0x12, 0x1e])).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(decodeStatus([0x1a, 0x32, 0x12, 0x7e])).toMatchObject({ paperOut: true });
    expect(decodeStatus([0x12, 0x52, 0x1a, 0x12])).toMatchObject({ cutterError: true });
  });

  it('recognises status bytes by their fixed bits', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x0a)).toBe(false); // a line feed
    expect(isStatusByte(0x92)).toBe(false); // bit 7 set
    expect(isStatusByte(0x13)).toBe(false); // bit 0 set
  });

  for (const [name, status] of Object.entries(states)) {
    it(`reads "${name}" whatever chunks the reply arrives in`, () => {
      // Noise before and inside the reply: an echoed LF and a byte that is not a status.
      const stream = Uint8Array.from([
        0x0a,
        ...encodeStatus(status).flatMap((b, i) => (i === 2 ? [0xff, b] : [b])),
      ]);
      for (let a = 0; a <= stream.length; a++) {
        for (let b = a; b <= stream.length; b++) {
          const parser = new StatusParser();
          const results = [stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)]
            .map((chunk) => parser.feed(chunk))
            .filter((r) => r !== null);
          expect(results, `split at ${a} and ${b}`).toEqual([status]);
        }
      }
    });
  }

  it('answers once per round and drops whatever comes after', () => {
    const parser = new StatusParser();
    expect(parser.feed(Uint8Array.from(encodeStatus(READY)))).toEqual(READY);
    expect(parser.feed(Uint8Array.from(encodeStatus({ ...READY, coverOpen: true })))).toBeNull();
  });
});
