import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, nextEvent, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let clerk: string;

beforeAll(async () => {
  s = await startServer({ config: { limits: { ticketsPerMinutePerClient: 1000 } } });
  clerk = await s.account('canbo1', 'staff');
});
afterAll(() => s.close());

const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  call(`${s.url}${path}`, 'POST', body, headers);
const staff = (path: string, body: unknown = {}) => post(path, body, { cookie: clerk });

describe('HTTP contract', () => {
  it('GET /api/health answers 200 with mode, failover, printers and version', async () => {
    const r = await call(`${s.url}/api/health`, 'GET');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ok',
      mode: 'auto',
      failover: { state: 'standalone' },
      printers: [{ id: 'kiosk', transport: 'virtual', state: expect.any(String), paper: expect.any(String) }],
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('lists services with Vietnamese and English names, and counters with their services', async () => {
    const services = await call(`${s.url}/api/services`, 'GET');
    expect(services.body).toHaveLength(6);
    expect(services.body[0]).toEqual({
      id: 1,
      code: 'ho-tich',
      name: 'Hộ tịch',
      nameEn: 'Civil registration',
      prefix: 'A',
    });
    expect(services.body.map((x: { name: string }) => x.name)).toContain('Lao động – Thương binh và Xã hội');
    const counters = await call(`${s.url}/api/counters`, 'GET');
    expect(counters.body).toHaveLength(6);
    expect(counters.body[1]).toEqual({
      id: 2,
      number: 2,
      name: 'Quầy 2',
      serviceIds: [1, 2],
      status: expect.any(String),
    });
  });

  it('issues a ticket with 201 and the contract shape', async () => {
    const r = await post('/api/tickets', { serviceId: 3, priority: true });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: expect.any(Number),
      number: 'C001',
      serviceId: 3,
      priority: true,
      status: 'waiting',
      waitingBefore: 0,
    });
    expect(new Date(r.body.issuedAt).toISOString()).toBe(r.body.issuedAt);
  });

  it('gives a double tap with the same Idempotency-Key one ticket', async () => {
    const key = { 'idempotency-key': 'kiosk-1-tap-42' };
    const [a, b] = await Promise.all([
      post('/api/tickets', { serviceId: 4 }, key),
      post('/api/tickets', { serviceId: 4 }, key),
    ]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.number).toBe('D001');
    expect((await post('/api/tickets', { serviceId: 4 })).body.number).toBe('D002');
  });

  it('serves a citizen through the counter routes', async () => {
    const t = (await post('/api/tickets', { serviceId: 5 })).body;
    const next = await staff('/api/counters/6/next');
    expect(next.status).toBe(200);
    expect(next.body.ticket).toMatchObject({ id: t.id, number: t.number, status: 'called', counterId: 6 });
    expect((await staff('/api/counters/6/recall')).body.ticket.status).toBe('called');
    expect((await staff('/api/counters/6/start')).body.ticket.status).toBe('serving');
    expect((await staff('/api/counters/6/done')).body.ticket.status).toBe('done');
    expect((await staff('/api/counters/6/next')).body).toEqual({ ticket: null });

    await post('/api/tickets', { serviceId: 5 });
    await staff('/api/counters/6/next');
    expect((await staff('/api/counters/6/no-show')).body.ticket.status).toBe('no_show');

    const list = await call(`${s.url}/api/tickets?status=no_show`, 'GET', undefined, { cookie: clerk });
    expect(list.status).toBe(200);
    expect(list.body.map((x: { number: string }) => x.number)).toEqual(['E002']);
    const recalled = await staff('/api/counters/6/call', { number: 'E002' });
    expect(recalled.body.ticket).toMatchObject({ number: 'E002', status: 'called' });
    const moved = await staff('/api/counters/6/transfer', { serviceId: 1 });
    expect(moved.body.ticket).toMatchObject({ number: 'E002', serviceId: 1, status: 'waiting' });

    expect((await staff('/api/counters/6/pause', { reason: 'Họp giao ban' })).body.counter).toMatchObject({
      status: 'paused',
      pauseReason: 'Họp giao ban',
    });
    const refused = await staff('/api/counters/6/next');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('counter_paused');
    expect((await staff('/api/counters/6/resume')).body.counter.status).toBe('open');
  });

  it('lists a past day on request and refuses a malformed day', async () => {
    const r = await call(`${s.url}/api/tickets?day=2020-01-01`, 'GET', undefined, { cookie: clerk });
    expect(r).toMatchObject({ status: 200, body: [] });
    const bad = await call(`${s.url}/api/tickets?day=01-01-2020`, 'GET', undefined, { cookie: clerk });
    expect(bad.status).toBe(400);
  });

  it('GET /api/queue is the snapshot', async () => {
    const r = await call(`${s.url}/api/queue`, 'GET');
    expect(r.body).toMatchObject({
      version: expect.any(Number),
      mode: 'auto',
      services: expect.any(Array),
      counters: expect.any(Array),
      recentCalls: expect.any(Array),
    });
    expect(r.body.recentCalls[0]).toMatchObject({ number: 'E002', counterNumber: 6 });
  });
});

describe('Socket.IO contract', () => {
  it('sends a snapshot on connect, then versioned events with no gap', async () => {
    const display = s.socket({ kind: 'display' });
    const snapshot = await nextEvent(display, 'snapshot');
    expect(snapshot.services).toHaveLength(6);
    expect((await call(`${s.url}/api/health`, 'GET')).body.devices).toMatchObject({ display: 1 });

    const issued = nextEvent(display, 'ticket.issued');
    const ticket = (await post('/api/tickets', { serviceId: 2 })).body;
    const ev = await issued;
    expect(ev.ticket).toMatchObject({ id: ticket.id, number: ticket.number });
    expect(ev.version).toBe(snapshot.version + 1);

    const called = nextEvent(display, 'ticket.called');
    await staff('/api/counters/3/next');
    const c = await called;
    expect(c.ticket).toMatchObject({ id: ticket.id, status: 'called' });
    expect(c.counter).toMatchObject({ id: 3, number: 3, current: { id: ticket.id } });
    expect(ticket.number).toBe('B001');
    expect(c.announcement).toBe('Mời công dân có số thứ tự bê một đến quầy số ba');
    expect(c.version).toBeGreaterThan(ev.version);

    const recall = nextEvent(display, 'ticket.called');
    await staff('/api/counters/3/recall');
    expect((await recall).recall).toBe(true);

    const updated = nextEvent(display, 'ticket.updated');
    await staff('/api/counters/3/done');
    expect((await updated).ticket).toMatchObject({ id: ticket.id, status: 'done' });

    const fresh = nextEvent(display, 'snapshot');
    display.emit('snapshot.request');
    const again = await fresh;
    expect(again.version).toBeGreaterThanOrEqual(c.version);
    expect(again.counters[2].current).toBeNull();
  });

  it('delivers every event to every connected display in order', async () => {
    const displays = Array.from({ length: 10 }, () => s.socket({ kind: 'display' }));
    await Promise.all(displays.map((d) => nextEvent(d, 'snapshot')));
    const received = displays.map(() => [] as number[]);
    displays.forEach((d, i) => {
      for (const name of ['ticket.issued', 'ticket.called', 'ticket.updated', 'counter.updated']) {
        d.on(name, (m: { version: number }) => received[i]?.push(m.version));
      }
    });
    for (let i = 0; i < 5; i++) await post('/api/tickets', { serviceId: 6 });
    await staff('/api/counters/4/next');
    await eventually('every display heard all six', () => received.every((v) => v.length >= 6));
    for (const versions of received) {
      expect(versions.length).toBeGreaterThanOrEqual(6);
      versions.forEach((v, i) => {
        if (i > 0) expect(v).toBe((versions[i - 1] as number) + 1);
      });
      expect(versions).toEqual(received[0]);
    }
  });
});
