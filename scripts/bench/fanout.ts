import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { percentiles } from './load.js';

const WARMUP_ROUNDS = 3;

export interface FanoutTarget {
  url: string;
  /** Makes one call that every display must hear as `ticket.called`. */
  trigger: () => Promise<unknown>;
}

/** `displays` display sockets on one server, connected. */
async function connect(url: string, displays: number): Promise<Socket[]> {
  const sockets = Array.from({ length: displays }, () =>
    io(url, { transports: ['websocket'], reconnection: false, auth: { kind: 'display' } }),
  );
  await Promise.all(sockets.map((s) => new Promise((resolve) => s.once('connect', () => resolve(null)))));
  return sockets;
}

/** One call: how long it took to reach each display, or null for one that missed it. */
async function round(sockets: Socket[], trigger: () => Promise<unknown>, timeoutMs: number) {
  const t0 = performance.now();
  const heard = sockets.map(
    (s) =>
      new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        s.once('ticket.called', () => {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        });
      }),
  );
  await trigger();
  return Promise.all(heard);
}

/**
 * `displays` Socket.IO clients on each server; each round makes one call on each and times how
 * long it takes to reach every display. Rounds alternate between the two, so a burst of this
 * shared machine's noise falls on both alike rather than on whichever ran at that moment.
 */
export async function fanout(
  floor: FanoutTarget,
  app: FanoutTarget,
  displays: number,
  rounds: number,
  timeoutMs = 5000,
) {
  const targets = [floor, app];
  const sockets = await Promise.all(targets.map((t) => connect(t.url, displays)));
  const samples: number[][] = [[], []];
  const missed = [0, 0];
  try {
    // The first rounds warm the JIT on both sides and are not counted.
    for (let n = -WARMUP_ROUNDS; n < rounds; n++) {
      // Each goes first in turn: the second of a pair may find the client's loop still busy.
      for (const i of n % 2 === 0 ? [0, 1] : [1, 0]) {
        const latencies = await round(
          sockets[i] as Socket[],
          (targets[i] as FanoutTarget).trigger,
          timeoutMs,
        );
        if (n >= 0) {
          for (const latency of latencies) {
            if (latency === null) missed[i] = (missed[i] as number) + 1;
            else samples[i]?.push(latency);
          }
        }
        await sleep(50);
      }
    }
  } finally {
    for (const s of sockets.flat()) s.disconnect();
  }
  const result = (i: number) => ({ ...percentiles(samples[i] as number[]), missed: missed[i] as number });
  return { floor: result(0), app: result(1) };
}
