import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, listBackups } from '../../server/db/backup.js';
import { call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
afterAll(() => s.close());

describe('backup', () => {
  it('copies a consistent database while kiosks keep issuing, and keeps only the newest', async () => {
    s = await startServer({ config: { limits: { ticketsPerMinutePerClient: 100_000 } } });
    const dir = path.join(s.dataDir, 'backups');
    const issuing = Promise.all(
      Array.from({ length: 100 }, (_, i) => call(`${s.url}/api/tickets`, 'POST', { serviceId: (i % 6) + 1 })),
    );
    const file = await backupDatabase(s.db, dir, Date.parse('2026-11-23T10:00:00Z'), 3);
    const statuses = (await issuing).map((r) => r.status);
    expect(statuses.every((st) => st === 201)).toBe(true);

    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // A consistent copy: each service's number sequence matches the tickets it holds, even
    // though the copy was taken in the middle of the burst.
    const drift = copy
      .prepare(
        `SELECT s.service_id FROM number_sequences s
         WHERE s.last <> (SELECT count(*) FROM tickets t WHERE t.service_id = s.service_id AND t.day = s.day)`,
      )
      .all();
    expect(drift).toEqual([]);
    copy.close();

    for (let day = 11; day <= 15; day++)
      await backupDatabase(s.db, dir, Date.parse(`2026-11-${day}T10:00:00Z`), 3);
    expect(listBackups(dir)).toEqual([
      'tiepsuc-20261123-100000.sqlite',
      'tiepsuc-20261115-100000.sqlite',
      'tiepsuc-20261114-100000.sqlite',
    ]);
  });

  it('npm run backup writes a copy beside a running appliance', async () => {
    writeFileSync(path.join(s.dataDir, 'config.json'), JSON.stringify({ backup: { keep: 5 } }));
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATA_DIR: s.dataDir },
    });
    const file = /vào (.+\.sqlite)/.exec(stdout)?.[1] as string;
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 100 });
    copy.close();
  });
});
