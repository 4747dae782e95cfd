import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, NoticeView } from '../../contract/logbook.js';
import { call, eventually, nextEvent, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let tech: string;
let leader: string;
let clerk: string;
const get = (p: string, cookie = '') => call(`${s.url}${p}`, 'GET', undefined, { cookie });
const post = (p: string, body: unknown, cookie = '') => call(`${s.url}${p}`, 'POST', body, { cookie });
const put = (p: string, body: unknown, cookie = '') => call(`${s.url}${p}`, 'PUT', body, { cookie });
const report = async (cookie: string, type = '2.1', symptoms = 'Máy in không ra giấy') =>
  (await post('/api/incidents', { type, symptoms }, cookie)).body as IncidentDetail;

/** Collects every `event` a socket hears. */
function heard<T>(socket: Socket, event: string): T[] {
  const list: T[] = [];
  socket.on(event, (m: T) => list.push(m));
  return list;
}

beforeAll(async () => {
  s = await startServer();
  tech = await s.account('kythuat', 'technician');
  leader = await s.account('lanhdao', 'leader');
  clerk = await s.account('canbo', 'staff');
});

afterAll(() => s.close());

describe('reporting and handling an incident', () => {
  it('staff report one with its type’s playbook, tick its steps, call a contact, escalate and resolve', async () => {
    const opened = await report(clerk, '2.3', 'Không vào được Cổng dịch vụ công, mạng nội bộ vẫn chạy');
    expect(opened).toMatchObject({ type: '2.3', status: 'open', source: 'manual', detectedBy: 'canbo' });
    expect(opened.playbook.steps.length).toBeGreaterThan(1);
    expect(opened.title).toBe(opened.playbook.title);

    const ticked = (await post(`/api/incidents/${opened.id}/steps/1`, {}, clerk)).body as IncidentDetail;
    expect(ticked.steps[1]).toMatchObject({ doneBy: 'canbo' });
    expect(ticked.steps[0]?.doneAt).toBeNull();

    const contacts = (await get('/api/contacts', clerk)).body as { id: number; unit: string }[];
    const vnpt = contacts.find((c) => c.unit.includes('VNPT'));
    expect(vnpt).toBeDefined();
    const called = await post(
      `/api/incidents/${opened.id}/contacts`,
      { contactId: vnpt?.id, text: 'Báo đứt cáp quang' },
      clerk,
    );
    expect(called.body.entries.at(-1)).toMatchObject({ kind: 'contact', contact: { id: vnpt?.id } });

    const escalated = await post(
      `/api/incidents/${opened.id}/escalate`,
      { text: 'Chuyển VNPT xử lý', contactId: vnpt?.id },
      clerk,
    );
    expect(escalated.body.status).toBe('escalated');
    const resolved = await post(`/api/incidents/${opened.id}/resolve`, { result: 'VNPT nối lại cáp' }, clerk);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.downtimeMs).toBeGreaterThanOrEqual(0);

    const again = await post(`/api/incidents/${opened.id}/resolve`, { result: 'lần nữa' }, clerk);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/đã được khắc phục/);
  });

  it('answers bad input with a Vietnamese 4xx and keeps nothing', async () => {
    const before = (await get('/api/incidents', clerk)).body.length;
    for (const body of [
      { type: '9.9', symptoms: 'x' },
      { type: '2.1', symptoms: '' },
      { type: '2.1' },
      { type: '2.1', symptoms: 'x', source: 'auto' },
    ]) {
      const res = await post('/api/incidents', body, clerk);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/[ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệịọỏốồổộớờởợụủứừửựỳỵỷỹ]/i);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await get('/api/incidents', clerk)).body.length).toBe(before);

    const one = await report(clerk);
    expect((await post(`/api/incidents/${one.id}/steps/99`, {}, clerk)).status).toBe(400);
    expect((await post('/api/incidents/99999/notes', { text: 'x' }, clerk)).status).toBe(404);
    expect((await post(`/api/incidents/${one.id}/contacts`, { contactId: 99999 }, clerk)).status).toBe(404);
    expect((await get('/api/incidents?from=2026-13-01', clerk)).status).toBe(400);
  });

  it('never changes or deletes what was written: a correction is a new entry', async () => {
    const one = await report(clerk);
    const noted = (await post(`/api/incidents/${one.id}/notes`, { text: 'Thay cuộn giấy 57 mm' }, clerk))
      .body as IncidentDetail;
    const wrong = noted.entries.at(-1)?.id as number;
    const corrected = (
      await post(`/api/incidents/${one.id}/notes`, { text: 'Thay cuộn giấy 80 mm', corrects: wrong }, clerk)
    ).body as IncidentDetail;
    expect(corrected.entries.map((e) => [e.kind, e.text])).toEqual([
      ['note', 'Thay cuộn giấy 57 mm'],
      ['correction', 'Thay cuộn giấy 80 mm'],
    ]);
    expect(corrected.entries.at(-1)?.corrects).toBe(wrong);

    expect(() => s.db.prepare('UPDATE incidents SET title = ? WHERE id = ?').run('khác', one.id)).toThrow(
      /never edited/,
    );
    expect(() => s.db.prepare('DELETE FROM incidents WHERE id = ?').run(one.id)).toThrow(/never deleted/);
    expect(() => s.db.prepare('UPDATE incident_entries SET text = ? WHERE id = ?').run('x', wrong)).toThrow(
      /never edited/,
    );
    expect(() => s.db.prepare('DELETE FROM incident_entries WHERE id = ?').run(wrong)).toThrow(
      /never deleted/,
    );
  });

  it('lists by type, status and day', async () => {
    const all = (await get('/api/incidents', clerk)).body as { type: string; status: string }[];
    const printers = (await get('/api/incidents?type=2.1', clerk)).body as { type: string }[];
    expect(printers.length).toBeGreaterThan(0);
    expect(printers.every((i) => i.type === '2.1')).toBe(true);
    const resolved = (await get('/api/incidents?status=resolved', clerk)).body as { status: string }[];
    expect(resolved.every((i) => i.status === 'resolved')).toBe(true);
    const open = (await get('/api/incidents?status=open', clerk)).body as { status: string }[];
    expect(open.length + resolved.length).toBe(all.length);
    expect((await get('/api/incidents?from=2000-01-01&to=2000-01-02', clerk)).body).toEqual([]);
  });
});

describe('who may do what', () => {
  it('the public reads no incident; staff cannot read the log book nor edit playbooks and contacts', async () => {
    expect((await get('/api/incidents')).status).toBe(401);
    expect((await post('/api/incidents', { type: '2.1', symptoms: 'x' })).status).toBe(401);
    expect((await get('/api/contacts')).status).toBe(401);
    expect((await get('/api/logbook', clerk)).status).toBe(403);
    expect((await get('/api/logbook', leader)).status).toBe(200);
    const playbook = (await get('/api/playbooks', clerk)).body[0];
    const edit = { ...playbook, steps: ['Một bước'] };
    for (const k of ['id', 'type', 'version', 'createdAt', 'createdBy']) delete edit[k];
    expect((await put(`/api/playbooks/${playbook.type}`, edit, leader)).status).toBe(403);
    const contact = { name: 'A', unit: 'B', role: '', phones: [], note: '', active: true };
    expect((await post('/api/contacts', contact, leader)).status).toBe(403);
    expect((await post('/api/notices', { text: 'x', level: 'info' }, clerk)).status).toBe(403);
  });
});

describe('playbooks and contacts', () => {
  it('a technician’s edit is a new version; an incident keeps the text it was opened with', async () => {
    const old = await report(clerk, '2.2', 'Máy tính quầy 2 không lên');
    const current = ((await get('/api/playbooks', tech)).body as { type: string }[]).find(
      (p) => p.type === '2.2',
    ) as Record<string, unknown>;
    const edited = await put(
      '/api/playbooks/2.2',
      {
        title: current.title,
        group: current.group,
        symptoms: current.symptoms,
        steps: ['Khởi động lại máy', 'Gọi kỹ thuật viên'],
        responsible: current.responsible,
        contactIds: current.contactIds,
      },
      tech,
    );
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe((current.version as number) + 1);

    const fresh = await report(clerk, '2.2', 'Máy tính quầy 3 không lên');
    expect(fresh.playbook.steps).toEqual(['Khởi động lại máy', 'Gọi kỹ thuật viên']);
    const kept = (await get(`/api/incidents/${old.id}`, clerk)).body as IncidentDetail;
    expect(kept.playbook.version).toBe(current.version);
    expect(kept.playbook.steps).toEqual(current.steps);

    const empty = await put('/api/playbooks/2.2', { ...edited.body, steps: ['  '] }, tech);
    expect(empty.status).toBe(400);
  });

  it('contacts are edited in place and audited with what they were; phone numbers are kept dialable', async () => {
    const made = await post(
      '/api/contacts',
      {
        name: 'Anh Hùng',
        unit: 'Viettel Tân Kỳ',
        role: 'Internet dự phòng',
        phones: [{ label: 'di động', number: '0912 345 678' }],
        note: '',
        active: true,
      },
      tech,
    );
    expect(made.status).toBe(201);
    expect(made.body.phones[0].number).toBe('0912345678');
    const ok = await put(
      `/api/contacts/${made.body.id}`,
      {
        name: 'Anh Hùng (kỹ thuật)',
        unit: 'Viettel Tân Kỳ',
        role: 'Internet dự phòng',
        phones: [{ label: 'di động', number: '0912345678' }],
        note: '',
        active: true,
      },
      tech,
    );
    expect(ok.body.name).toBe('Anh Hùng (kỹ thuật)');
    const audit = s.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'contact.edit' ORDER BY id DESC LIMIT 1")
      .get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({
      before: { name: 'Anh Hùng' },
      after: { name: 'Anh Hùng (kỹ thuật)' },
    });
  });
});

describe('screens hear what is theirs', () => {
  it('a new incident reaches the technicians’ and leaders’ screens at once, and no one else’s', async () => {
    const screens = {
      tech: s.socket({ cookie: tech }),
      leader: s.socket({ cookie: leader }),
      clerk: s.socket({ cookie: clerk }),
      display: s.socket({ kind: 'display' }),
    };
    const heardBy = Object.fromEntries(
      Object.entries(screens).map(([k, socket]) => [k, heard<{ id: number }>(socket, 'incident.changed')]),
    );
    await Promise.all(Object.values(screens).map((socket) => nextEvent(socket, 'snapshot')));
    const one = await report(clerk, '2.5', 'Máy quét không nhận');
    await eventually('tech and leader told', () =>
      [heardBy.tech, heardBy.leader].every((l) => l?.some((m) => m.id === one.id)),
    );
    // A later change to everyone proves the quiet ones were listening all along.
    const fence = nextEvent(screens.display, 'notice');
    const clerkFence = nextEvent(screens.clerk, 'notice');
    const made = await post('/api/notices', { text: 'Kiểm tra', level: 'info' }, leader);
    await Promise.all([fence, clerkFence]);
    expect(heardBy.clerk).toEqual([]);
    expect(heardBy.display).toEqual([]);
    await post(`/api/notices/${made.body.notice.id}/end`, {}, leader);
  });
});

describe('notices to citizens (plan 2.9)', () => {
  it('a leader puts one up: public to read, told to every screen, with texts for the loudspeaker, Zalo and Facebook', async () => {
    const display = s.socket({ kind: 'display' });
    await nextEvent(display, 'snapshot');
    const told = nextEvent<{ notices: NoticeView[] }>(display, 'notice');
    const made = await post(
      '/api/notices',
      { text: 'Hệ thống lấy số gặp sự cố, Trung tâm cấp số dự phòng', level: 'warning' },
      leader,
    );
    expect(made.status).toBe(201);
    expect((await told).notices.map((n) => n.id)).toContain(made.body.notice.id);
    expect((await get('/api/notices')).body.map((n: NoticeView) => n.text)).toContain(
      'Hệ thống lấy số gặp sự cố, Trung tâm cấp số dự phòng',
    );
    const { texts } = made.body;
    expect(texts.loudspeaker).toMatch(/^Thông báo! Thông báo!.*Xin trân trọng thông báo!$/);
    expect(texts.zalo.length).toBeLessThan(texts.facebook.length);
    expect(texts.facebook).toMatch(/^THÔNG BÁO\n/);
    expect((await get(`/api/notices/${made.body.notice.id}/texts`, tech)).body).toEqual(texts);

    const gone = nextEvent<{ notices: NoticeView[] }>(display, 'notice');
    expect((await post(`/api/notices/${made.body.notice.id}/end`, {}, tech)).status).toBe(200);
    expect((await gone).notices).toEqual([]);
    expect((await get('/api/notices')).body).toEqual([]);
    expect((await post(`/api/notices/${made.body.notice.id}/end`, {}, tech)).status).toBe(409);
  });

  it('a notice with an end time leaves the screens by itself', async () => {
    const kiosk = s.socket({ kind: 'kiosk' });
    await nextEvent(kiosk, 'snapshot');
    const up = nextEvent<{ notices: NoticeView[] }>(kiosk, 'notice');
    const endsAt = new Date(Date.now() + 1500).toISOString();
    await post('/api/notices', { text: 'Tạm dừng nhận hồ sơ đất đai', level: 'urgent', endsAt }, leader);
    expect((await up).notices).toHaveLength(1);
    const down = await nextEvent<{ notices: NoticeView[] }>(kiosk, 'notice', 5000);
    expect(down.notices).toEqual([]);
  });

  it('refuses an end time already past, an unknown level and an empty text', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    for (const body of [
      { text: 'x', level: 'info', endsAt: past },
      { text: 'x', level: 'loud' },
      { text: '', level: 'info' },
      { text: '   ', level: 'info' },
    ]) {
      const res = await post('/api/notices', body, leader);
      expect(res.status).toBe(400);
    }
    expect((await get('/api/notices')).body).toEqual([]);
  });
});
