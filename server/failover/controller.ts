import type { FailoverMode, FailoverState } from './status.js';

/**
 * The failover controller as plain data and functions, so every transition is tested with
 * fake time. Fast to take over (a few failed ticks), slow and deliberate to hand back (good
 * ticks spanning a hold-down), and a flap guard that stops handing back to a QMS that keeps
 * falling over until a technician has looked.
 */
export interface ControllerConfig {
  failThreshold: number;
  recoverThreshold: number;
  recoverHoldMs: number;
  maxFlaps: number;
  flapWindowMs: number;
}

export interface Controller {
  state: FailoverState;
  mode: FailoverMode;
  since: number;
  /** Consecutive failed ticks. */
  failures: number;
  /** Consecutive good ticks, and when the run of good ticks began. */
  goods: number;
  goodSince: number | null;
  /** When each handback happened, for the flap guard. */
  handbacks: number[];
  /** Active and kept so by the flap guard until a technician confirms. */
  held: boolean;
  /** The appliance's own link (gateway) was down at the last tick: nothing is blamed on QMS. */
  ownLinkDown: boolean;
}

export interface Tick {
  now: number;
  qmsOk: boolean;
  /** null when no gateway probe is configured. */
  ownLinkOk: boolean | null;
  /** Fallback tickets still waiting today: draining ends when there are none. */
  fallbackWaiting: number;
}

export interface Transition {
  from: FailoverState;
  to: FailoverState;
  at: number;
  cause: string;
}

export function initialController(now: number, mode: FailoverMode): Controller {
  return {
    state: mode === 'force-active' ? 'active' : 'standby',
    mode,
    since: now,
    failures: 0,
    goods: 0,
    goodSince: null,
    handbacks: [],
    held: false,
    ownLinkDown: false,
  };
}

function move(c: Controller, to: FailoverState, at: number, cause: string, out: Transition[]): Controller {
  if (c.state === to) return c;
  out.push({ from: c.state, to, at, cause });
  return { ...c, state: to, since: at };
}

/** One probe tick; returns the new controller and the transitions it made (zero or one). */
export function tick(
  c0: Controller,
  t: Tick,
  cfg: ControllerConfig,
): { controller: Controller; transitions: Transition[] } {
  const out: Transition[] = [];
  let c: Controller = { ...c0, ownLinkDown: t.ownLinkOk === false };

  if (t.ownLinkOk === false) {
    // Our own cable or switch is down: QMS may be fine for everyone else. Count nothing.
    return { controller: { ...c, failures: 0, goods: 0, goodSince: null }, transitions: out };
  }
  if (t.qmsOk) {
    c = { ...c, failures: 0, goods: c.goods + 1, goodSince: c.goodSince ?? t.now };
  } else {
    c = { ...c, failures: c.failures + 1, goods: 0, goodSince: null };
  }
  if (c.mode === 'force-active')
    return { controller: move(c, 'active', t.now, 'chế độ bắt buộc dự phòng', out), transitions: out };
  if (c.mode === 'force-standby') {
    const to = t.fallbackWaiting > 0 ? 'draining' : 'standby';
    return { controller: move(c, to, t.now, 'chế độ bắt buộc dùng QMS', out), transitions: out };
  }

  switch (c.state) {
    case 'standby':
    case 'suspect':
    case 'draining':
      if (c.failures >= cfg.failThreshold) {
        c = move(c, 'active', t.now, `QMS không trả lời ${c.failures} lần liên tiếp`, out);
      } else if (c.failures > 0 && c.state === 'standby') {
        c = move(c, 'suspect', t.now, 'QMS không trả lời', out);
      } else if (c.failures === 0 && c.state === 'suspect') {
        c = move(c, 'standby', t.now, 'QMS trả lời trở lại', out);
      } else if (c.state === 'draining' && t.fallbackWaiting === 0) {
        c = move(c, 'standby', t.now, 'đã gọi hết số dự phòng', out);
      }
      break;
    case 'active': {
      const recovered =
        c.goods >= cfg.recoverThreshold && c.goodSince !== null && t.now - c.goodSince >= cfg.recoverHoldMs;
      if (!recovered) break;
      const recent = c.handbacks.filter((at) => t.now - at < cfg.flapWindowMs);
      if (recent.length >= cfg.maxFlaps) {
        c = { ...c, handbacks: recent, held: true };
        break;
      }
      c = { ...c, handbacks: [...recent, t.now], held: false };
      c = move(
        c,
        t.fallbackWaiting > 0 ? 'draining' : 'standby',
        t.now,
        'QMS hoạt động ổn định trở lại',
        out,
      );
      break;
    }
    case 'standalone':
      break;
  }
  return { controller: c, transitions: out };
}

/** A technician's mode; the next tick applies it, except force-active, which takes over at once. */
export function setMode(
  c: Controller,
  mode: FailoverMode,
  now: number,
): { controller: Controller; transitions: Transition[] } {
  const out: Transition[] = [];
  let next: Controller = { ...c, mode };
  if (mode === 'force-active') next = move(next, 'active', now, 'chế độ bắt buộc dự phòng', out);
  return { controller: next, transitions: out };
}

/** The technician has looked at a flapping QMS: forget the flaps, so handback may proceed. */
export const confirmFlaps = (c: Controller): Controller => ({ ...c, handbacks: [], held: false });

/** Ends draining early, on a technician's word: the remaining fallback tickets stay callable. */
export function endDraining(
  c: Controller,
  now: number,
): { controller: Controller; transitions: Transition[] } {
  const out: Transition[] = [];
  const next = c.state === 'draining' ? move(c, 'standby', now, 'cán bộ CNTT kết thúc bàn giao', out) : c;
  return { controller: next, transitions: out };
}
