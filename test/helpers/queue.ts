import path from 'node:path';
import { auditLog } from '../../server/auth/audit.js';
import { parseConfig } from '../../server/config.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import type { FailoverStatus } from '../../server/failover/status.js';
import { Queue } from '../../server/queue/queue.js';
import { seedDemo } from '../../server/queue/seed.js';
import type { Actor } from '../../server/queue/types.js';
import { RealtimeBus } from '../../server/realtime/bus.js';
import { FakeClock } from './fake-clock.js';
import { tempDir } from './temp.js';

export const clerk: Actor = { accountId: null, username: 'test', ip: '127.0.0.1' };

/** A Queue on a real SQLite file with the demo center and a clock the test moves. */
export function queueFixture(start = '2026-11-23T01:00:00Z', dayStartsAt = '00:00') {
  const temp = tempDir();
  const db: Db = openDatabase(path.join(temp.dir, 'q.sqlite'));
  seedDemo(db);
  const clock = new FakeClock(Date.parse(start));
  const bus = new RealtimeBus(0);
  const events: { name: string; message: Record<string, unknown> }[] = [];
  bus.subscribe((name, message) => events.push({ name, message }));
  const failover: { current: FailoverStatus } = {
    current: { state: 'standalone', mode: 'auto', drill: false, since: 0 },
  };
  const audit = auditLog(db, clock);
  const queue = new Queue({
    db,
    clock,
    day: { ...parseConfig({}).center, dayStartsAt },
    bus,
    failover: { status: () => failover.current },
    audit: (actor, action, detail) => audit.record(actor, action, detail),
  });
  return {
    db,
    clock,
    bus,
    events,
    failover,
    queue,
    close() {
      db.close();
      temp.remove();
    },
  };
}
