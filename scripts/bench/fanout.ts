import { io, type Socket } from 'socket.io-client';
import { percentiles } from './load.js';

const WARMUP_ROUNDS = 3;

/**
 * `displays` Socket.IO clients on `url`; each round triggers one call and times how long it
 * takes to reach every display. A display that has not heard it within `timeoutMs` missed it.
 */
export async function fanout(
  url: string,
  displays: number,
  rounds: number,
  trigger: () => Promise<unknown>,
  timeoutMs = 5000,
) {
  const sockets: Socket[] = Array.from({ length: displays }, () =>
    io(url, { transports: ['websocket'], reconnection: false, auth: { kind: 'display' } }),
  );
  await Promise.all(sockets.map((s) => new Promise((resolve) => s.once('connect', () => resolve(null)))));
  const samples: number[] = [];
  let missed = 0;
  try {
    // The first rounds warm the JIT on both sides and are not counted.
    for (let round = -WARMUP_ROUNDS; round < rounds; round++) {
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
      for (const latency of await Promise.all(heard)) {
        if (round < 0) continue;
        if (latency === null) missed++;
        else samples.push(latency);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    for (const s of sockets) s.disconnect();
  }
  return { ...percentiles(samples), missed };
}
