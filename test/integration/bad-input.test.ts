import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let clerk: string;
let tech: string;

beforeAll(async () => {
  s = await startServer({ config: { limits: { ticketsPerMinutePerClient: 1000 } } });
  clerk = await s.account('canbo', 'staff');
  tech = await s.account('kythuat', 'technician');
});
afterAll(() => s.close());

const huge = JSON.stringify({ serviceId: 1, note: 'x'.repeat(200_000) });

type Case = [
  name: string,
  method: string,
  path: string,
  body: unknown,
  who: 'public' | 'staff' | 'tech',
  status: number,
];

const cases: Case[] = [
  ['broken JSON', 'POST', '/api/tickets', '{"serviceId": 1', 'public', 400],
  ['empty JSON body', 'POST', '/api/tickets', '', 'public', 400],
  ['wrong type', 'POST', '/api/tickets', { serviceId: 'một' }, 'public', 400],
  ['missing field', 'POST', '/api/tickets', {}, 'public', 400],
  ['negative id', 'POST', '/api/tickets', { serviceId: -1 }, 'public', 400],
  ['unknown field', 'POST', '/api/tickets', { serviceId: 1, colour: 'red' }, 'public', 400],
  ['array body', 'POST', '/api/tickets', [1, 2], 'public', 400],
  ['unknown service', 'POST', '/api/tickets', { serviceId: 999 }, 'public', 404],
  ['huge body', 'POST', '/api/tickets', huge, 'public', 413],
  ['priority not boolean', 'POST', '/api/tickets', { serviceId: 1, priority: 'yes' }, 'public', 400],
  ['unknown route', 'GET', '/api/nothing-here', undefined, 'public', 404],
  ['login wrong types', 'POST', '/api/auth/login', { username: 1, password: [] }, 'public', 400],
  ['login missing password', 'POST', '/api/auth/login', { username: 'admin' }, 'public', 400],
  ['login unknown user', 'POST', '/api/auth/login', { username: 'ai-do', password: 'x' }, 'public', 401],
  [
    'setup with a wrong token',
    'POST',
    '/api/auth/setup',
    { token: 'nope', password: 'mat-khau-moi-1' },
    'public',
    403,
  ],
  ['counter id not a number', 'POST', '/api/counters/abc/next', {}, 'staff', 400],
  ['unknown counter', 'POST', '/api/counters/999/next', {}, 'staff', 404],
  ['done with nobody called', 'POST', '/api/counters/5/done', {}, 'staff', 409],
  ['recall with nobody called', 'POST', '/api/counters/5/recall', {}, 'staff', 409],
  ['start with nobody called', 'POST', '/api/counters/5/start', {}, 'staff', 409],
  ['no-show with nobody called', 'POST', '/api/counters/5/no-show', {}, 'staff', 409],
  ['transfer with nobody called', 'POST', '/api/counters/5/transfer', { serviceId: 1 }, 'staff', 409],
  ['transfer wrong type', 'POST', '/api/counters/5/transfer', { serviceId: 'B' }, 'staff', 400],
  ['call with no number', 'POST', '/api/counters/5/call', {}, 'staff', 400],
  ['call a number with symbols', 'POST', '/api/counters/5/call', { number: '<b>1</b>' }, 'staff', 400],
  ['call one of ours never issued', 'POST', '/api/counters/5/call', { number: 'D999' }, 'staff', 404],
  ['pause without a reason', 'POST', '/api/counters/5/pause', { reason: '   ' }, 'staff', 400],
  ['resume a counter not paused', 'POST', '/api/counters/5/resume', {}, 'staff', 409],
  ['tickets with an unknown status', 'GET', '/api/tickets?status=lost', undefined, 'staff', 400],
  [
    'account with a weak password',
    'POST',
    '/api/accounts',
    { username: 'moi', displayName: 'Mới', role: 'technician', password: 'ngan' },
    'tech',
    400,
  ],
  [
    'account with an unknown role',
    'POST',
    '/api/accounts',
    { username: 'moi', displayName: 'Mới', role: 'boss', password: 'mat-khau-dai' },
    'tech',
    400,
  ],
  [
    'account username taken',
    'POST',
    '/api/accounts',
    { username: 'canbo', displayName: 'X', role: 'staff', password: '582914' },
    'tech',
    409,
  ],
  ['unlock an unknown account', 'POST', '/api/accounts/999/unlock', {}, 'tech', 404],
  ['reset with a short PIN', 'POST', '/api/accounts/2/password', { password: '1' }, 'tech', 400],
  ['audit limit out of range', 'GET', '/api/audit?limit=0', undefined, 'tech', 400],
  [
    'ticket for a printer not configured',
    'POST',
    '/api/tickets',
    { serviceId: 1, printerId: 'k9' },
    'public',
    400,
  ],
  ['printer id with symbols', 'POST', '/api/printers/<b>/test', {}, 'tech', 400],
  ['test print on an unknown printer', 'POST', '/api/printers/k9/test', {}, 'tech', 404],
  ['jobs of an unknown printer', 'GET', '/api/printers/k9/jobs', undefined, 'tech', 404],
  ['jobs limit out of range', 'GET', '/api/printers/kiosk/jobs?limit=0', undefined, 'tech', 400],
  ['an unknown print job', 'GET', '/api/print-jobs/999', undefined, 'public', 404],
  ['preview of an unknown job', 'GET', '/api/print-jobs/999/preview', undefined, 'tech', 404],
  ['reprint a ticket never issued', 'POST', '/api/tickets/999/reprint', {}, 'tech', 404],
  ['reprint id not a number', 'POST', '/api/tickets/abc/reprint', {}, 'tech', 400],
  ['reprint on an unknown printer', 'POST', '/api/tickets/1/reprint', { printerId: 'k9' }, 'tech', 400],
];

describe('bad input', () => {
  it.each(cases)(
    '%s → %s %s answers %i-ish with a Vietnamese JSON error',
    async (_name, method, path, body, who, status) => {
      const cookie = who === 'staff' ? clerk : who === 'tech' ? tech : undefined;
      const r = await call(`${s.url}${path}`, method, body, cookie ? { cookie } : {});
      expect(r.status).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect(r.body).toEqual({ error: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) });
      // Vietnamese: at least one letter with a diacritic, and no trace of the code inside.
      expect(r.body.message).toMatch(
        /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i,
      );
      expect(r.body.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|SQLITE|Error:/);
    },
  );

  it('loses nothing: after all that, numbering and the queue are intact', async () => {
    const a = await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    expect(a.status).toBe(201);
    expect(a.body.number).toBe('A001');
  });
});

describe('roles', () => {
  const staffRoutes = [
    ['GET', '/api/tickets'],
    ['POST', '/api/counters/1/next'],
    ['POST', '/api/counters/1/recall'],
    ['POST', '/api/counters/1/start'],
    ['POST', '/api/counters/1/no-show'],
    ['POST', '/api/counters/1/done'],
    ['POST', '/api/counters/1/transfer'],
    ['POST', '/api/counters/1/call'],
    ['POST', '/api/counters/1/pause'],
    ['POST', '/api/counters/1/resume'],
    ['GET', '/api/auth/me'],
  ] as const;
  const technicianRoutes = [
    ['GET', '/api/accounts'],
    ['POST', '/api/accounts'],
    ['POST', '/api/accounts/1/unlock'],
    ['POST', '/api/accounts/1/password'],
    ['GET', '/api/audit'],
    ['POST', '/api/printers/kiosk/test'],
    ['GET', '/api/printers/kiosk/jobs'],
    ['GET', '/api/print-jobs/1/preview'],
    ['POST', '/api/tickets/1/reprint'],
  ] as const;

  it.each(staffRoutes)('%s %s needs a session (401)', async (method, path) => {
    const r = await call(`${s.url}${path}`, method, method === 'POST' ? { anything: 'sai' } : undefined);
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('unauthorized');
  });

  it.each(technicianRoutes)('%s %s refuses staff (403) and anonymous (401)', async (method, path) => {
    const body = method === 'POST' ? {} : undefined;
    expect((await call(`${s.url}${path}`, method, body)).status).toBe(401);
    const r = await call(`${s.url}${path}`, method, body, { cookie: clerk });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('forbidden');
  });

  it('a forged or expired cookie is no session', async () => {
    const r = await call(`${s.url}/api/tickets`, 'GET', undefined, { cookie: 'tiepsuc_session=forged' });
    expect(r.status).toBe(401);
  });
});
