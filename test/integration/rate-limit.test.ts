import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({
    config: { limits: { ticketsPerMinutePerClient: 3, loginsPerMinutePerClient: 2 } },
  });
});
afterAll(() => s.close());

describe('rate limits per client address', () => {
  it('answers 429 past limits.ticketsPerMinutePerClient and issues nothing for it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const r = await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    expect(r.body).toEqual({ error: 'rate_limited', message: expect.stringMatching(/vui lòng/) });
    expect(s.db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 3 });
  });

  it('limits login attempts too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await call(`${s.url}/api/auth/login`, 'POST', { username: 'x', password: 'y' })).status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });
});
