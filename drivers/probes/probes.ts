import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { ProbeResult } from '../../contract/screen.js';

/**
 * Reachability probes: an HTTP request (status and optional body match) or a TCP connect, each
 * timed and bounded by its timeout. Used to watch QMS 1.2 and the center's own network.
 */
export type ProbeConfig =
  | {
      type: 'http';
      url: string;
      timeoutMs: number;
      expectStatus: readonly number[];
      bodyPattern?: RegExp;
    }
  | { type: 'tcp'; host: string; port: number; timeoutMs: number };

/** A configured QMS probe, as the schema guarantees it: a URL for http, host and port for tcp. */
export function probeFromConfig(c: {
  type: 'http' | 'tcp';
  url?: string;
  host?: string;
  port?: number;
  timeoutMs: number;
  expectStatus: readonly number[];
  bodyPattern?: string;
}): ProbeConfig {
  return c.type === 'http'
    ? {
        type: 'http',
        url: c.url as string,
        timeoutMs: c.timeoutMs,
        expectStatus: c.expectStatus,
        // Compiled once; config.ts has checked that it compiles and cannot backtrack badly.
        bodyPattern: c.bodyPattern === undefined ? undefined : new RegExp(c.bodyPattern),
      }
    : { type: 'tcp', host: c.host as string, port: c.port as number, timeoutMs: c.timeoutMs };
}

const MAX_BODY = 64 * 1024;

function httpAttempt(p: Extract<ProbeConfig, { type: 'http' }>): Promise<string | null> {
  const [low, high] = [p.expectStatus[0] ?? 200, p.expectStatus[1] ?? 399];
  const client = p.url.startsWith('https:') ? https : http;
  return new Promise((resolve) => {
    const req = client.get(p.url, { timeout: p.timeoutMs, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk;
      });
      res.on('end', () => {
        if (status < low || status > high) resolve(`HTTP ${status}`);
        else if (p.bodyPattern && !p.bodyPattern.test(body)) resolve('nội dung không khớp');
        else resolve(null);
      });
      res.on('error', (e) => resolve(e.message));
    });
    // A hanging QMS accepts the connection and never answers: the whole request is timed.
    const timer = setTimeout(() => req.destroy(new Error(`quá ${p.timeoutMs} ms`)), p.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`quá ${p.timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

function tcpAttempt(p: Extract<ProbeConfig, { type: 'tcp' }>): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: p.host, port: p.port });
    const done = (error: string | null) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(p.timeoutMs, () => done(`quá ${p.timeoutMs} ms`));
    socket.once('connect', () => done(null));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

/**
 * One attempt at a probe, timed. A probe that cannot even be attempted (a URL the HTTP client
 * refuses, say) is a failed probe: the watcher must fail open, never take it for a healthy QMS.
 */
export async function probeOnce(p: ProbeConfig, now: () => number = Date.now): Promise<ProbeResult> {
  const start = performance.now();
  let error: string | null;
  try {
    error = p.type === 'http' ? await httpAttempt(p) : await tcpAttempt(p);
  } catch (err) {
    error = `không thử được: ${err instanceof Error ? err.message : String(err)}`;
  }
  return { ok: error === null, latencyMs: Math.round(performance.now() - start), error, at: now() };
}

/** An attempt plus one quick retry when it fails, so a single lost packet never counts. */
export async function probeWithRetry(p: ProbeConfig, now: () => number = Date.now): Promise<ProbeResult> {
  const first = await probeOnce(p, now);
  return first.ok ? first : probeOnce(p, now);
}

/** The QMS verdict of a tick: failed when all probes fail (or any, if so configured). */
export function verdict(results: readonly ProbeResult[], failWhen: 'all' | 'any'): boolean {
  if (results.length === 0) return true;
  return failWhen === 'all' ? results.some((r) => r.ok) : results.every((r) => r.ok);
}
