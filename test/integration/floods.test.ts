import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, nextEvent, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
const extra: Socket[] = [];
beforeAll(async () => {
  s = await startServer({ config: { limits: { socketsPerAddress: 5, ticketsPerMinutePerClient: 10_000 } } });
});
afterAll(async () => {
  for (const socket of extra) socket.close();
  await s.close();
});

/** A socket from a given loopback address, as another machine on the LAN. */
function from(localAddress: string): Socket {
  const socket = io(s.url, {
    transports: ['websocket'],
    reconnection: false,
    transportOptions: { websocket: { localAddress } },
  } as Parameters<typeof io>[1]);
  extra.push(socket);
  return socket;
}

/** Whether the socket connects or is refused; asked before it can have done either. */
const connects = (socket: Socket) =>
  new Promise<boolean>((resolve) => {
    if (socket.connected) resolve(true);
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });

describe('floods', () => {
  it('one socket asking for snapshots 10,000 times gets one per change, then is dropped', async () => {
    const flood = from('127.0.1.1');
    let snapshots = 0;
    flood.on('snapshot', () => snapshots++);
    await eventually('first snapshot', () => snapshots === 1);
    // Other clients are answered throughout. How fast is the bench's to say: a bound in
    // milliseconds here failed on a loaded CI machine (507 ms) with the guard working.
    const health: number[] = [];
    const probing = (async () => {
      for (let i = 0; i < 20; i++) health.push((await call(`${s.url}/api/health`, 'GET')).status);
    })();
    // A change, so that asking again is not simply ignored as nothing new.
    await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    for (let i = 0; i < 10_000; i++) flood.emit('snapshot.request');
    await eventually('dropped', () => !flood.connected);
    await probing;
    expect(snapshots).toBeLessThanOrEqual(2);
    expect(health).toEqual(Array(20).fill(200));
  });

  it('caps the sockets of one address, and not of another', async () => {
    const five = Array.from({ length: 5 }, () => from('127.0.1.2'));
    expect(await Promise.all(five.map(connects))).toEqual([true, true, true, true, true]);
    expect(await connects(from('127.0.1.2'))).toBe(false);
    expect(await connects(from('127.0.1.3'))).toBe(true);
    // One leaving makes room for another.
    five[0]?.close();
    await eventually('room again', () => connects(from('127.0.1.2')));
  });

  it('sends security headers: a page may use only the appliance itself, data may be used by nothing', async () => {
    const page = await fetch(`${s.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    for (const data of [await fetch(`${s.url}/api/health`), await fetch(`${s.url}/api/khong-co`)]) {
      expect(data.headers.get('content-type')).toMatch(/^application\/json/);
      expect(data.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(data.headers.get('x-content-type-options')).toBe('nosniff');
      expect(data.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
    const display = s.socket({ kind: 'display' });
    expect(await nextEvent(display, 'snapshot')).toHaveProperty('version');
  });
});
