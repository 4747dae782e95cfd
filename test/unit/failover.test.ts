import { describe, expect, it } from 'vitest';
import {
  type Controller,
  type ControllerConfig,
  confirmFlaps,
  endDraining,
  initialController,
  setMode,
  tick,
} from '../../server/failover/controller.js';

const cfg: ControllerConfig = {
  failThreshold: 3,
  recoverThreshold: 5,
  recoverHoldMs: 30_000,
  maxFlaps: 3,
  flapWindowMs: 1_800_000,
};

/** Runs ticks one second apart; `qms` says, per tick, whether QMS answered. */
function run(
  c0: Controller,
  qms: boolean[],
  opts: { start?: number; waiting?: number; ownLinkOk?: boolean | null } = {},
) {
  let c = c0;
  let now = opts.start ?? 0;
  const states: string[] = [];
  for (const ok of qms) {
    now += 1000;
    c = tick(
      c,
      { now, qmsOk: ok, ownLinkOk: opts.ownLinkOk ?? null, fallbackWaiting: opts.waiting ?? 0 },
      cfg,
    ).controller;
    states.push(c.state);
  }
  return { c, now, states };
}

const down = (n: number) => Array<boolean>(n).fill(false);
const up = (n: number) => Array<boolean>(n).fill(true);

describe('failover controller', () => {
  it('goes standby → suspect → active after failThreshold failed ticks (3 s on the defaults)', () => {
    const { states, c } = run(initialController(0, 'auto'), down(3));
    expect(states).toEqual(['suspect', 'suspect', 'active']);
    expect(c.since).toBe(3000);
  });

  it('a good tick while suspect goes back to standby', () => {
    expect(run(initialController(0, 'auto'), [false, false, true]).states).toEqual([
      'suspect',
      'suspect',
      'standby',
    ]);
  });

  it('hands back only after recoverThreshold good ticks spanning recoverHoldMs, then drains', () => {
    const active = run(initialController(0, 'auto'), down(3)).c;
    // Five good ticks are not enough: the hold-down is thirty seconds.
    const early = run(active, up(5), { start: 3000, waiting: 2 });
    expect(early.c.state).toBe('active');
    // A failure in between restarts the count.
    const broken = run(active, [...up(20), false, ...up(10)], { start: 3000, waiting: 2 });
    expect(broken.c.state).toBe('active');
    const { states, c } = run(active, up(31), { start: 3000, waiting: 2 });
    expect(states.indexOf('draining')).toBe(30); // the 31st good tick spans 30 s since the first
    expect(c.state).toBe('draining');
    // Draining ends when the last fallback ticket is called.
    expect(run(c, up(1), { start: 34_000, waiting: 1 }).c.state).toBe('draining');
    expect(run(c, up(1), { start: 34_000, waiting: 0 }).c.state).toBe('standby');
  });

  it('hands back straight to standby when no fallback ticket is waiting', () => {
    const active = run(initialController(0, 'auto'), down(3)).c;
    expect(run(active, up(31), { start: 3000 }).c.state).toBe('standby');
  });

  it('a QMS that fails again while draining is taken over again', () => {
    const active = run(initialController(0, 'auto'), down(3)).c;
    const draining = run(active, up(31), { start: 3000, waiting: 5 }).c;
    expect(run(draining, down(3), { start: 40_000, waiting: 5 }).states).toEqual([
      'draining',
      'draining',
      'active',
    ]);
  });

  it('an outage of the appliance’s own link never switches to active', () => {
    const { states, c } = run(initialController(0, 'auto'), down(20), { ownLinkOk: false });
    expect(new Set(states)).toEqual(new Set(['standby']));
    expect(c.ownLinkDown).toBe(true);
  });

  it('the flap guard holds active after maxFlaps handbacks in the window, until confirmed', () => {
    let c = initialController(0, 'auto');
    let now = 0;
    for (let flap = 0; flap < 3; flap++) {
      ({ c, now } = run(c, down(3), { start: now }));
      expect(c.state).toBe('active');
      ({ c, now } = run(c, up(31), { start: now }));
      expect(c.state).toBe('standby');
    }
    ({ c, now } = run(c, down(3), { start: now }));
    ({ c, now } = run(c, up(60), { start: now }));
    expect(c.state).toBe('active');
    expect(c.held).toBe(true);
    c = confirmFlaps(c);
    ({ c } = run(c, up(1), { start: now }));
    expect(c.state).toBe('standby');
  });

  it('technician modes override the probes', () => {
    let { controller: c } = setMode(initialController(0, 'auto'), 'force-active', 0);
    expect(c.state).toBe('active');
    c = run(c, up(100)).c;
    expect(c.state).toBe('active');
    c = setMode(c, 'force-standby', 100_000).controller;
    expect(run(c, down(10), { start: 100_000, waiting: 3 }).c.state).toBe('draining');
    expect(run(c, down(10), { start: 100_000, waiting: 0 }).c.state).toBe('standby');
  });

  it('a technician can end draining early', () => {
    const active = run(initialController(0, 'auto'), down(3)).c;
    const draining = run(active, up(31), { start: 3000, waiting: 5 }).c;
    const { controller, transitions } = endDraining(draining, 50_000);
    expect(controller.state).toBe('standby');
    expect(transitions).toEqual([{ from: 'draining', to: 'standby', at: 50_000, cause: expect.any(String) }]);
  });

  it('ten percent of attempts failing at random never reaches active in 10,000 ticks', () => {
    // mulberry32: a small seeded generator, so the run is the same every time.
    let seed = 20261122;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    // A tick fails only when the attempt and its quick retry both fail.
    const ticks = Array.from({ length: 10_000 }, () => !(random() < 0.1 && random() < 0.1));
    expect(ticks.filter((ok) => !ok).length).toBeGreaterThan(50);
    expect(run(initialController(0, 'auto'), ticks).states).not.toContain('active');
  });
});

describe('probes', () => {
  it('count a probe that cannot even be attempted as failed, never as a healthy QMS', async () => {
    const { probeOnce } = await import('../../drivers/probes/probes.js');
    const r = await probeOnce({ type: 'http', url: 'http://', timeoutMs: 200, expectStatus: [200, 399] });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/không thử được/);
  });
});
