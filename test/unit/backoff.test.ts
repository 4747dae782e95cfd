import { describe, expect, it } from 'vitest';
import { Backoff } from '../../drivers/transports/index.js';

describe('reconnect backoff', () => {
  it('doubles the wait after each failure up to the cap, and starts over after a success', () => {
    const b = new Backoff(1000, 8000);
    expect(b.ready(0)).toBe(true);
    expect([b.failed(0), b.failed(0), b.failed(0), b.failed(0), b.failed(0)]).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
    expect(b.ready(7999)).toBe(false);
    expect(b.ready(8000)).toBe(true);
    b.succeeded();
    expect(b.ready(0)).toBe(true);
    expect(b.failed(100)).toBe(1000);
  });
});
