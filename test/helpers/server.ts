import http from 'node:http';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type App, buildApp } from '../../server/app.js';
import type { Clock } from '../../server/clock.js';
import { parseConfig } from '../../server/config.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import { tempDir } from './temp.js';

export const ADMIN_PASSWORD = 'mat-khau-quan-tri';

export interface TestServer {
  app: App;
  db: Db;
  url: string;
  dataDir: string;
  close(): Promise<void>;
  /** Logs in and returns the session cookie header value. */
  login(username: string, password: string): Promise<string>;
  /** A technician creates an account, its owner has chosen the secret, and it logs in; returns its cookie. */
  account(username: string, role: 'staff' | 'leader' | 'technician', password?: string): Promise<string>;
  socket(options?: { cookie?: string; kind?: string; printerId?: string }): Socket;
}

/**
 * As if the account's owner had already chosen its secret at the first login, for tests about
 * something else; the first login itself is tested on its own.
 */
export function chosenByOwner(db: Db, username: string): void {
  db.prepare('UPDATE accounts SET must_change = 0 WHERE username = ?').run(username);
}

/** The clerk the screen tests sign in as: Lan, staff, PIN 246813, already her own. */
export async function addClerkLan(url: string, admin: string, db: Db): Promise<void> {
  const created = await call(
    `${url}/api/accounts`,
    'POST',
    { username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'staff', password: '246813' },
    { cookie: admin },
  );
  if (created.status !== 201) throw new Error(`account lan: ${created.status}`);
  chosenByOwner(db, 'lan');
}

/** Logs in to the server at `url`; returns the session cookie header value. */
export async function logIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

/** The real app on a real SQLite file, listening on a free loopback port. */
export async function startServer(
  options: {
    config?: unknown;
    clock?: Clock;
    fixed?: string[];
    /** Leave the guided first setup to do; other tests find it done, as on a running center. */
    firstSetup?: boolean;
  } = {},
): Promise<TestServer> {
  const temp = tempDir();
  const db = openDatabase(path.join(temp.dir, 'tiepsuc.sqlite'));
  const app = await buildApp({
    config: parseConfig(options.config ?? {}),
    db,
    clock: options.clock,
    fixed: options.fixed,
    adminPassword: ADMIN_PASSWORD,
  });
  if (!options.firstSetup) db.prepare("INSERT INTO meta (key, value) VALUES ('setup_done', 'test')").run();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const sockets: Socket[] = [];

  const login = (username: string, password: string) => logIn(url, username, password);

  return {
    app,
    db,
    url,
    dataDir: temp.dir,
    login,
    async account(username, role, password = role === 'staff' ? '246813' : 'mat-khau-dai') {
      const adminCookie = await login('admin', ADMIN_PASSWORD);
      const res = await fetch(`${url}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: adminCookie },
        body: JSON.stringify({ username, displayName: username, role, password }),
      });
      if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${await res.text()}`);
      chosenByOwner(db, username);
      return login(username, password);
    },
    socket({ cookie, kind, printerId } = {}) {
      const socket = io(url, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        auth: { ...(kind ? { kind } : {}), ...(printerId ? { printerId } : {}) },
        reconnection: false,
      });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      db.close();
      temp.remove();
    },
  };
}

/**
 * A JSON request from a given loopback address (127.0.0.2, …), as a second machine on the LAN
 * would make it: the server sees that address as the client's.
 */
export function callFrom(
  localAddress: string,
  url: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: any; ms: number }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, localAddress, headers: data ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** JSON request helper: returns status and parsed body. */
export async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed, headers: res.headers };
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => T,
  timeoutMs = 10_000,
): Promise<Truthy<Awaited<T>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<Awaited<T>>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resolves with the next `event` the socket receives. */
export function nextEvent<T = any>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
