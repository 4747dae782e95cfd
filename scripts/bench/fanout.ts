import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { percentiles } from './load.js';

const WARMUP_ROUNDS = 3;

export interface FanoutTarget {
  url: string;
  /** Makes one call that every display must hear as `ticket.called`. */
  trigger: () => Promise<unknown>;
}

/** One display: `onCall` runs at each `ticket.called` it receives. */
interface Display {
  onCall: (() => void) | null;
  close: () => void;
}

const CALL_FRAME = Buffer.from('42["ticket.called"');

/**
 * A display that notes a call when its frame arrives, without decoding it: it speaks the
 * Engine.IO 4 / Socket.IO 5 wire protocol itself (open, CONNECT with auth, ping → pong). One
 * bench process plays all the displays, and decoding each copy would add each display's work
 * to every display after it; a hall's real displays each decode their own copy. So a call is
 * known by its first bytes: even turning a 1 KB frame of Vietnamese text into a string takes
 * 4 µs, 0.4 ms by the hundredth display.
 */
function rawDisplay(url: string): Promise<Display> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const display: Display = { onCall: null, close: () => ws.close() };
  return new Promise((resolve, reject) => {
    // Kept once connected: a later error (the server gone) shows as missed calls, not a crashed bench.
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      if (CALL_FRAME.equals(data.subarray(0, CALL_FRAME.length))) {
        display.onCall?.();
        return;
      }
      const frame = String(data);
      if (frame === '2') ws.send('3');
      else if (frame.startsWith('0')) ws.send('40{"kind":"display"}');
      else if (frame.startsWith('40')) resolve(display);
    });
  });
}

/** A display as the pages are: Socket.IO's client, which decodes every event it receives. */
function socketIoDisplay(url: string): Promise<Display> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { kind: 'display' } });
  const display: Display = { onCall: null, close: () => socket.disconnect() };
  socket.on('ticket.called', () => display.onCall?.());
  return new Promise((resolve) => socket.once('connect', () => resolve(display)));
}

export type DisplayKind = 'raw' | 'socket.io';

/** One call: how long it took to reach each display, or null for one that missed it. */
async function round(displays: Display[], trigger: () => Promise<unknown>, timeoutMs: number) {
  const t0 = performance.now();
  const heard = displays.map(
    (d) =>
      new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          d.onCall = null;
          resolve(null);
        }, timeoutMs);
        d.onCall = () => {
          d.onCall = null;
          clearTimeout(timer);
          resolve(performance.now() - t0);
        };
      }),
  );
  await trigger();
  return Promise.all(heard);
}

/**
 * `displays` clients on each server; each round makes one call on each and times how long it
 * takes to reach every display. Rounds alternate between the two, so a burst of this shared
 * machine's noise falls on both alike rather than on whichever ran at that moment.
 */
export async function fanout(
  floor: FanoutTarget,
  app: FanoutTarget,
  kind: DisplayKind,
  displays: number,
  rounds: number,
  timeoutMs = 5000,
) {
  const targets = [floor, app];
  const connect = kind === 'raw' ? rawDisplay : socketIoDisplay;
  const clients = await Promise.all(
    targets.map((t) => Promise.all(Array.from({ length: displays }, () => connect(t.url)))),
  );
  const heardByRound: [number[][], number[][]] = [[], []];
  const missed = [0, 0];
  try {
    // The first rounds warm the JIT on both sides and are not counted.
    for (let n = -WARMUP_ROUNDS; n < rounds; n++) {
      // Each goes first in turn: the second of a pair may find the client's loop still busy.
      for (const i of n % 2 === 0 ? [0, 1] : [1, 0]) {
        const latencies = await round(
          clients[i] as Display[],
          (targets[i] as FanoutTarget).trigger,
          timeoutMs,
        );
        if (n >= 0) {
          const times = latencies.filter((latency) => latency !== null);
          missed[i] = (missed[i] as number) + latencies.length - times.length;
          heardByRound[i]?.push(times);
        }
        await sleep(50);
      }
    }
  } finally {
    for (const d of clients.flat()) d.close();
  }
  const result = (i: number) => ({
    ...percentiles((heardByRound[i] as number[][]).flat()),
    missed: missed[i] as number,
  });
  return { floor: result(0), app: result(1), byRound: { floor: heardByRound[0], app: heardByRound[1] } };
}
