import { atRank } from './load.js';

/**
 * How far a ratio of two p99s could move by chance alone. A p99 of 1,600 taps is their
 * sixteenth slowest; with 800, one run's ticket ratio and the next differed by 0.3 with the
 * same code, and a bootstrap of one run's samples spread about as wide. Each side's
 * samples are drawn again with replacement, whole blocks at a time (a fan-out round's 100
 * samples share one commit, so they are one block), and the ratio taken of each draw.
 */
export function p99RatioInterval(
  app: number[][],
  floor: number[][],
  random: () => number = Math.random,
  draws = 1000,
): { low: number; high: number } {
  const ratios = new Float64Array(draws);
  for (let d = 0; d < draws; d++) ratios[d] = p99(redraw(app, random)) / p99(redraw(floor, random));
  ratios.sort();
  const at = (q: number) => Math.round((ratios[Math.floor(q * (draws - 1))] as number) * 100) / 100;
  return { low: at(0.05), high: at(0.95) };
}

/** Samples that are each their own commit (a kiosk's taps): each is a block of its own. */
export const eachAlone = (samples: number[]): number[][] => samples.map((ms) => [ms]);

function redraw(blocks: number[][], random: () => number): Float64Array {
  const size = blocks.reduce((sum, b) => sum + b.length, 0);
  const out = new Float64Array(size);
  let filled = 0;
  while (filled < size) {
    const block = blocks[Math.floor(random() * blocks.length)] as number[];
    for (const x of block) {
      if (filled === size) break;
      out[filled++] = x;
    }
  }
  return out;
}

function p99(samples: Float64Array): number {
  return atRank(samples.sort(), 0.99);
}
