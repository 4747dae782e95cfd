import { describe, expect, it } from 'vitest';
import { eachAlone, p99RatioInterval } from '../../scripts/bench/interval.js';

/** Park and Miller's generator: the same draws every run, so no run of this test is luck. */
function seeded(seed = 1): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

/** `n` latencies shaped like taps' (a floor plus an exponential tail), in ms. */
const taps = (n: number, scale = 1) =>
  Array.from({ length: n }, (_, i) => scale * (2 - Math.log(1 - (i + 0.5) / n)));
const width = ({ low, high }: { low: number; high: number }) => high - low;

describe("the bench's interval for a ratio of p99s", () => {
  it('holds 1 when both sides ran the same load', () => {
    const { low, high } = p99RatioInterval(eachAlone(taps(800)), eachAlone(taps(800)), seeded(), 400);
    expect(low).toBeLessThan(1);
    expect(high).toBeGreaterThan(1);
  });

  it('holds the true ratio, and leaves out 1.2, when one side is 1.5× the other', () => {
    const { low, high } = p99RatioInterval(eachAlone(taps(8000, 1.5)), eachAlone(taps(8000)), seeded(), 200);
    expect(low).toBeGreaterThan(1.2);
    expect(low).toBeLessThanOrEqual(1.5);
    expect(high).toBeGreaterThanOrEqual(1.5);
  });

  it('narrows as the samples grow', () => {
    const few = p99RatioInterval(eachAlone(taps(800)), eachAlone(taps(800)), seeded(), 400);
    const many = p99RatioInterval(eachAlone(taps(8000)), eachAlone(taps(8000)), seeded(), 200);
    expect(width(many)).toBeLessThan(width(few) / 2);
  });

  it("draws a round's samples together, as they share one commit", () => {
    // 300 calls to 100 displays: each call's displays hear it within 1 ms of each other, but
    // one call in fifty waited 5 ms longer for its commit.
    const rounds = Array.from({ length: 300 }, (_, r) =>
      Array.from({ length: 100 }, (_, d) => 5 + (r % 50 === 7 ? 5 : 0) + d / 100),
    );
    const asRounds = p99RatioInterval(rounds, rounds, seeded(), 200);
    const asSamples = p99RatioInterval(eachAlone(rounds.flat()), eachAlone(rounds.flat()), seeded(), 200);
    expect(width(asRounds)).toBeGreaterThan(width(asSamples) * 2);
  });
});
