import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../server/auth/actor.js';
import { parseConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/open.js';
import { DomainBus, type DomainEvents } from '../../server/events.js';
import { Failover } from '../../server/failover/failover.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterEach(() => temp.remove());

/** A watcher whose probes point at a closed port; ticks are never run, only modes and drills. */
function watcher() {
  const db = openDatabase(path.join(temp.dir, `${Math.random()}.sqlite`));
  const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
  const bus = new DomainBus({
    onListenerError: (err) => {
      throw err;
    },
    inTransaction: () => db.inTransaction,
  });
  const heard: { name: keyof DomainEvents; payload: unknown }[] = [];
  for (const name of ['failover.changed', 'failover.transition', 'drill.started', 'drill.ended'] as const) {
    bus.on('test', name, (payload) => void heard.push({ name, payload }));
  }
  const config = parseConfig({ qms: { probes: [{ type: 'tcp', host: '127.0.0.1', port: 9 }] } });
  const failover = new Failover({
    db,
    clock,
    qms: config.qms,
    network: config.network,
    bus,
    audit: () => {},
    fallbackWaiting: () => 0,
    logError: (err) => {
      throw err;
    },
  });
  return { db, clock, bus, heard, failover, names: () => heard.map((h) => h.name) };
}

describe('failover watcher on the domain bus', () => {
  it('tells the screens once per mode change, and each transition with its cause', () => {
    const w = watcher();
    w.failover.setMode(SYSTEM, 'force-active', 'QMS bảo trì');
    expect(w.names()).toEqual(['failover.transition', 'failover.changed']);
    expect(w.heard[0]?.payload).toMatchObject({ from: 'standby', to: 'active', drill: false });
    expect(w.heard[1]?.payload).toMatchObject({ status: { state: 'active', mode: 'force-active' } });
    w.heard.length = 0;
    // A mode that changes no state still changes what the screens show: one event, no transition.
    w.failover.setMode(SYSTEM, 'auto', 'xong bảo trì');
    expect(w.names()).toEqual(['failover.changed']);
    w.heard.length = 0;
    w.failover.setMode(SYSTEM, 'auto', 'lần nữa');
    expect(w.names()).toEqual([]);
    w.db.close();
  });

  it('times a drill from the domain events of its first ticket and first call', () => {
    const w = watcher();
    w.failover.start();
    try {
      w.failover.startDrill(SYSTEM, 'Diễn tập quý IV', ['Lan', 'Minh']);
      expect(w.names()).toEqual(['drill.started', 'failover.transition', 'failover.changed']);
      expect(w.heard[1]?.payload).toMatchObject({ drill: true });
      w.clock.advance(4200);
      const issuedAt = new Date(w.clock.now()).toISOString();
      // A ticket issued outside the drill's marking does not count; the drill's own does, at
      // the instant it was issued, though heard of later.
      w.bus.emit('ticket.issued', {
        ticket: { issuedAt } as never,
        waiting: {},
        fallback: true,
        drill: false,
      });
      expect(w.failover.drillView()?.secondsToFirstTicket).toBeNull();
      w.clock.advance(300);
      w.bus.emit('ticket.issued', {
        ticket: { issuedAt } as never,
        waiting: {},
        fallback: true,
        drill: true,
      });
      w.clock.advance(9700);
      const called = () => ({ call: { at: new Date(w.clock.now()).toISOString() } }) as never;
      w.bus.emit('ticket.called', called());
      w.clock.advance(5000);
      w.bus.emit('ticket.called', called());
      expect(w.failover.drillView()).toMatchObject({ secondsToFirstTicket: 4.2, secondsToFirstCall: 14.2 });
      w.heard.length = 0;
      w.failover.endDrill(SYSTEM);
      // Back to auto: the state stays until the next tick judges QMS afresh.
      expect(w.names()).toEqual(['drill.ended', 'failover.changed']);
      expect(w.heard[1]?.payload).toMatchObject({ status: { state: 'active', mode: 'auto', drill: false } });
    } finally {
      w.failover.stop();
      w.db.close();
    }
  });

  it('stops listening when stopped', () => {
    const w = watcher();
    w.failover.start();
    w.failover.startDrill(SYSTEM, null, []);
    w.failover.stop();
    w.bus.emit('ticket.issued', {
      ticket: { issuedAt: new Date(w.clock.now()).toISOString() } as never,
      waiting: {},
      fallback: true,
      drill: true,
    });
    expect(w.failover.drillView()?.secondsToFirstTicket).toBeNull();
    w.db.close();
  });
});
