import path from 'node:path';
import type { Actor } from '../../server/auth/actor.js';
import { auditLog } from '../../server/auth/audit.js';
import { parseConfig } from '../../server/config.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import { DomainBus, type DomainEvents } from '../../server/events.js';
import { Queue } from '../../server/queue/queue.js';
import { seedDemo } from '../../server/queue/seed.js';
import { FakeClock } from './fake-clock.js';
import { tempDir } from './temp.js';

export const clerk: Actor = { accountId: null, username: 'test', ip: '127.0.0.1' };

const QUEUE_EVENTS = ['ticket.issued', 'ticket.called', 'ticket.updated', 'counter.updated'] as const;

/** A Queue on a real SQLite file with the demo center and a clock the test moves. */
export function queueFixture(start = '2026-11-23T01:00:00Z', dayStartsAt = '00:00') {
  const temp = tempDir();
  const db: Db = openDatabase(path.join(temp.dir, 'q.sqlite'));
  seedDemo(db);
  const clock = new FakeClock(Date.parse(start));
  const bus = new DomainBus({
    onListenerError: (err) => {
      throw err;
    },
    inTransaction: () => db.inTransaction,
  });
  const events: {
    name: (typeof QUEUE_EVENTS)[number];
    message: DomainEvents[(typeof QUEUE_EVENTS)[number]];
  }[] = [];
  for (const name of QUEUE_EVENTS) bus.on('test', name, (message) => void events.push({ name, message }));
  const audit = auditLog(db, clock);
  const queue = new Queue({
    db,
    clock,
    day: { ...parseConfig({}).center, dayStartsAt },
    bus,
    audit: (actor, action, detail) => audit.record(actor, action, detail),
  });
  return {
    db,
    clock,
    bus,
    events,
    queue,
    close() {
      db.close();
      temp.remove();
    },
  };
}
