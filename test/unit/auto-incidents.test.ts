import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FailoverStatus, PrinterView } from '../../contract/screen.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import { DomainBus } from '../../server/events.js';
import { AutoIncidents } from '../../server/incidents/auto.js';
import { Incidents } from '../../server/incidents/incidents.js';
import { Notices } from '../../server/notices/notices.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { tempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof tempDir>;
let db: Db;
let clock: FakeClock;
let bus: DomainBus;
let incidents: Incidents;
let notices: Notices;
let auto: AutoIncidents;
let failover: Pick<FailoverStatus, 'state' | 'drill'>;

const MIN = 60_000;
const at = (iso: string) => Date.parse(`${iso}+07:00`);

beforeEach(() => {
  temp = tempDir();
  db = openDatabase(path.join(temp.dir, 'i.sqlite'));
  clock = new FakeClock(at('2026-11-23T08:00:00'));
  bus = new DomainBus({
    onListenerError: (err) => {
      throw err;
    },
    inTransaction: () => db.inTransaction,
  });
  notices = new Notices({ db, clock, bus });
  incidents = new Incidents({
    db,
    clock,
    bus,
    meanwhile: { fallbackTickets: () => 0, paperIntakes: () => 0, notices: () => 0 },
  });
  incidents.seed();
  failover = { state: 'standby', drill: false };
  auto = new AutoIncidents({
    incidents,
    notices,
    bus,
    clock,
    printerFaultMinutes: 2,
    timezone: 'Asia/Ho_Chi_Minh',
    now: { failover: () => failover, printers: () => [], network: () => [] },
    logError: (err) => {
      throw err;
    },
  });
  auto.start();
});

afterEach(() => {
  auto.stop();
  db.close();
  temp.remove();
});

const transition = (from: FailoverStatus['state'], to: FailoverStatus['state'], drill = false) =>
  bus.emit('failover.transition', { from, to, at: clock.now(), cause: 'QMS không trả lời', drill });

describe('QMS failure', () => {
  it('is one incident however often it is told, closed when QMS is back', () => {
    transition('suspect', 'active');
    clock.advance(5 * MIN);
    transition('suspect', 'active');
    expect(incidents.list()).toHaveLength(1);
    clock.advance(40 * MIN);
    transition('active', 'draining');
    const [one] = incidents.list();
    expect(one).toMatchObject({ type: '2.8', status: 'resolved', downtimeMs: 45 * MIN });
  });

  it('a drill opens none; an outage that outlasts a drill is found by the reconciliation', () => {
    failover = { state: 'active', drill: true };
    transition('standby', 'active', true);
    auto.reconcile();
    expect(incidents.list()).toEqual([]);

    failover = { state: 'active', drill: false };
    auto.reconcile();
    expect(incidents.list()).toMatchObject([{ type: '2.8', status: 'open' }]);
    failover = { state: 'standby', drill: false };
    auto.reconcile();
    expect(incidents.list()).toMatchObject([{ type: '2.8', status: 'resolved' }]);
  });
});

describe('the network', () => {
  it('keeps the router and the Internet apart, one incident each', () => {
    const down = (role: 'gateway' | 'internet') =>
      bus.emit('network.changed', { role, ok: false, at: clock.now(), detail: 'ETIMEDOUT' });
    down('internet');
    down('internet');
    down('gateway');
    expect(incidents.list().map((i) => [i.type, i.title])).toEqual([
      ['2.3', 'Mất mạng Internet'],
      ['2.3', 'Mất kết nối mạng nội bộ (bộ định tuyến)'],
    ]);
    clock.advance(10 * MIN);
    bus.emit('network.changed', { role: 'internet', ok: true, at: clock.now(), detail: null });
    expect(incidents.list().map((i) => i.status)).toEqual(['resolved', 'open']);
  });
});

describe('a restart after an unclean stop', () => {
  it('records the gap from the last heartbeat, opened and closed at once; a clean stop records none', () => {
    bus.emit('process.started', { at: clock.now(), cleanStop: true, lastHeartbeatAt: clock.now() - MIN });
    expect(incidents.list()).toEqual([]);
    const last = clock.now() - 37 * MIN;
    bus.emit('process.started', { at: clock.now(), cleanStop: false, lastHeartbeatAt: last });
    const [gap] = incidents.list();
    expect(gap).toMatchObject({ type: '2.7', status: 'resolved', downtimeMs: 37 * MIN });
    expect(incidents.get(gap?.id as number).symptoms).toMatch(/07:23.*08:00.*37 phút/);
  });
});

describe('the UPS', () => {
  it('on battery opens 2.7 and puts up a notice; low battery notes the shutdown; mains closes both', () => {
    const power = (status: 'online' | 'on_battery' | 'low_battery', previous = 'online') =>
      bus.emit('power.changed', { status, previous: previous as 'online', at: clock.now() });
    power('on_battery');
    expect(notices.active()).toMatchObject([{ level: 'warning' }]);
    clock.advance(20 * MIN);
    power('low_battery', 'on_battery');
    expect(incidents.list()).toHaveLength(1);
    expect(notices.active()).toHaveLength(1);
    clock.advance(MIN);
    power('online', 'low_battery');
    const [outage] = incidents.list();
    expect(outage).toMatchObject({ type: '2.7', status: 'resolved', downtimeMs: 21 * MIN });
    expect(incidents.get(outage?.id as number).entries.map((e) => e.kind)).toEqual(['note', 'resolve']);
    expect(notices.active()).toEqual([]);
  });
});

describe('printers', () => {
  const view = (state: PrinterView['state']): PrinterView =>
    ({
      id: 'quay1',
      state,
      transport: 'tcp',
      lastError: state === 'error' ? 'Hết giấy' : null,
    }) as PrinterView;

  it('a fault shorter than the limit is none', () => {
    bus.emit('printer.changed', { printer: view('error'), previous: view('ready') });
    bus.emit('printer.changed', { printer: view('ready'), previous: view('error') });
    expect(incidents.list()).toEqual([]);
  });
});
