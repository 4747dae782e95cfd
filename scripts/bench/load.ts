import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Latency figures in milliseconds. */
export interface Latency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  count: number;
}

/** The sample at rank ⌈q·n⌉ of `sorted`. */
export const atRank = (sorted: ArrayLike<number>, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

export function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => atRank(sorted, q);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(at(1)), count: sorted.length };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A POST over a kept-alive connection, as a kiosk's browser makes it. Resolves with the status. */
export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** One stretch of load: each answered request's time, what failed, and how long it ran. */
export interface Run {
  samples: number[];
  failures: number;
  seconds: number;
}

/** `kiosks` clients each tapping once per `periodMs`, phases spread evenly: an open-loop load. */
export async function paced(
  issue: () => Promise<number>,
  kiosks: number,
  periodMs: number,
  durationMs: number,
): Promise<Run> {
  const samples: number[] = [];
  let failures = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: kiosks }, async (_, k) => {
      await sleep((k * periodMs) / kiosks);
      for (let due = performance.now(); due < end; due += periodMs) {
        const t0 = performance.now();
        const status = await issue();
        if (status === 201) samples.push(performance.now() - t0);
        else failures++;
        await sleep(Math.max(0, due + periodMs - performance.now()));
      }
    }),
  );
  return { samples, failures, seconds: (performance.now() - start) / 1000 };
}

/** `clients` closed-loop clients as fast as the server answers: its saturated rate. */
export async function saturated(
  issue: () => Promise<number>,
  clients: number,
  durationMs: number,
): Promise<Run> {
  const samples: number[] = [];
  let failures = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await issue();
        if (status === 201) samples.push(performance.now() - t0);
        else failures++;
      }
    }),
  );
  return { samples, failures, seconds: (performance.now() - start) / 1000 };
}

/** Latency figures of all the runs together, with their rate of answered requests. */
export function figures(runs: Run[]) {
  const samples = runs.flatMap((r) => r.samples);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    ...percentiles(samples),
    perSecond: Math.round(samples.length / seconds),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  };
}

/**
 * Runs two loads in turns, A B B A A B B A …, and hands back each one's runs: whatever
 * drifts on a shared machine during the bench (another job, the disk flushing) falls on both
 * alike, instead of on whichever was measured second. `settle` waits before each stretch for
 * what the last one left behind.
 */
export async function inTurns(
  a: () => Promise<Run>,
  b: () => Promise<Run>,
  rounds: number,
  settle: () => Promise<void> = async () => {},
): Promise<[Run[], Run[]]> {
  const runs: [Run[], Run[]] = [[], []];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      await settle();
      runs[side as 0 | 1].push(await (side === 0 ? a : b)());
    }
  }
  return runs;
}
