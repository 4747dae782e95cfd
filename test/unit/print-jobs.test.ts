import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { jobStore } from '../../server/printing/jobs.js';
import type { TicketPrint } from '../../server/printing/ticket-layout.js';
import { planOf, preparedBy } from '../helpers/plans.js';
import { queueFixture } from '../helpers/queue.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterEach(() => temp.remove());

describe('a printer’s queued jobs', () => {
  it('are found through the index of queued jobs, not by walking every job the printer finished', () => {
    const db = openDatabase(path.join(temp.dir, 'jobs.sqlite'));
    try {
      const onQueued = preparedBy(db, () => jobStore(db)).filter((sql) => sql.includes("status = 'queued'"));
      // The next job to print, the expiry of stale tickets, and the retry after the printer is fit.
      expect(onQueued).toHaveLength(3);
      for (const sql of onQueued) expect(planOf(db, sql), sql).toContain('USING INDEX print_jobs_pending');
    } finally {
      db.close();
    }
  });

  it('print in order, and expiry drops only the stale tickets among them', async () => {
    const f = queueFixture();
    try {
      const jobs = jobStore(f.db);
      const job = (ticketId: number, at: number) =>
        jobs.insert({
          printerId: 'kiosk',
          job: { kind: 'ticket', ticketId, payload: { number: 'A001' } as TicketPrint },
          at,
          requestedBy: null,
        });
      const [a, b] = [await f.queue.issue({ serviceId: 1 }), await f.queue.issue({ serviceId: 1 })];
      for (let i = 1; i <= 500; i++) jobs.printed(job(a.id, i).id, i, 100);
      const stale = job(a.id, 10);
      const fresh = job(b.id, 5000);
      expect(jobs.pending('kiosk')?.id).toBe(stale.id);
      expect(jobs.expire('kiosk', 1000, 6000)).toBe(1);
      expect(jobs.get(stale.id)?.status).toBe('failed');
      expect(jobs.pending('kiosk')?.id).toBe(fresh.id);
      expect(jobs.pending('other')).toBeUndefined();
    } finally {
      f.close();
    }
  });
});
