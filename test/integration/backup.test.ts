import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { backupDatabase, listBackups, newestBackupAt } from '../../server/db/backup.js';
import { Backups } from '../../server/db/backups.js';
import { openDatabase } from '../../server/db/open.js';
import { call, startServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const root = path.resolve(import.meta.dirname, '../..');

let s: TestServer;
afterAll(() => s.close());

describe('backup', () => {
  it('copies a consistent database in its own process while kiosks keep issuing, only when due, and keeps only the newest', async () => {
    s = await startServer({ config: { limits: { ticketsPerMinutePerClient: 100_000 } } });
    const dir = path.join(s.dataDir, 'backups');
    const backups = new Backups({
      databaseFile: path.join(s.dataDir, 'tiepsuc.sqlite'),
      dir,
      everyHours: 24,
      keep: 3,
      clock: systemClock,
    });
    // Four kiosks keep tapping until the backup is written, so the copy is made mid-burst.
    let copying = true;
    const kiosk = async (k: number) => {
      const statuses: number[] = [];
      for (let i = k; copying; i += 4)
        statuses.push((await call(`${s.url}/api/tickets`, 'POST', { serviceId: (i % 6) + 1 })).status);
      return statuses;
    };
    const issuing = Promise.all([0, 1, 2, 3].map(kiosk));
    const file = (await backups.ifDue()) as string;
    copying = false;
    // One file, with nothing left beside it.
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
    // The newest is minutes old: none is due for another day.
    expect(await backups.ifDue()).toBeNull();
    await backups.stop();
    const statuses = (await issuing).flat();
    expect(statuses.length).toBeGreaterThan(4);
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
      path.basename(file),
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
    expect(copy.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual(
      s.db.prepare('SELECT count(*) AS n FROM tickets').get(),
    );
    copy.close();
  });
});

describe('backups you can trust', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  it('a backup cut off midway never passes for a good one, and pruning keeps the good ones', async () => {
    const db = openDatabase(path.join(temp.dir, 'live', 'tiepsuc.sqlite'));
    const dir = path.join(temp.dir, 'live', 'backups');
    for (let day = 10; day <= 12; day++)
      await backupDatabase(db, dir, Date.parse(`2026-11-${day}T10:00:00Z`), 3);
    // What killed backups of the old version left: an empty and a half-written file under
    // valid names, and a journal.
    writeFileSync(path.join(dir, 'tiepsuc-20261123-090000.sqlite'), '');
    writeFileSync(
      path.join(dir, 'tiepsuc-20261123-093000.sqlite'),
      readFileSync(path.join(dir, listBackups(dir)[0] as string)).subarray(0, 10),
    );
    writeFileSync(path.join(dir, 'tiepsuc-20261123-093000.sqlite-journal'), 'x');
    writeFileSync(path.join(dir, 'tiepsuc-20261123-094500.sqlite.partial'), 'x');
    const old = Date.parse('2026-11-23T08:00:00Z') / 1000;
    utimesSync(path.join(dir, 'tiepsuc-20261123-093000.sqlite-journal'), old, old);
    utimesSync(path.join(dir, 'tiepsuc-20261123-094500.sqlite.partial'), old, old);
    expect(listBackups(dir)).toHaveLength(3);
    expect(newestBackupAt(dir)).not.toBeNull();

    await backupDatabase(db, dir, Date.parse('2026-11-23T10:00:00Z'), 3);
    expect(readdirSync(dir).sort()).toEqual([
      'tiepsuc-20261111-100000.sqlite',
      'tiepsuc-20261112-100000.sqlite',
      'tiepsuc-20261123-100000.sqlite',
    ]);
    db.close();
  });

  it('a database that cannot be read stops startup in Vietnamese, naming the file, the backup and the command', async () => {
    const dataDir = path.join(temp.dir, 'broken');
    const db = openDatabase(path.join(dataDir, 'tiepsuc.sqlite'));
    const good = await backupDatabase(
      db,
      path.join(dataDir, 'backups'),
      Date.parse('2026-11-22T10:00:00Z'),
      3,
    );
    db.close();
    // Garbage over the first pages, as a failing disk leaves it.
    const file = path.join(dataDir, 'tiepsuc.sqlite');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100, 8192);
    writeFileSync(file, bytes);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });

    const run = promisify(execFile);
    const started = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((started as { code: number }).code).toBe(1);
    const stderr = (started as { stderr: string }).stderr;
    expect(stderr).toContain(`Cơ sở dữ liệu ${file} bị hỏng`);
    expect(stderr).toContain(good);
    expect(stderr).toContain('npm run restore');
    expect(stderr).not.toMatch(/\n\s+at /);

    // Restored from the newest good backup, the appliance starts again; the damaged file is kept.
    const restored = await run(process.execPath, ['--import', 'tsx', 'scripts/restore.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(restored.stdout).toMatch(/Đã khôi phục .*tiepsuc-20261122-100000\.sqlite/);
    expect(readdirSync(dataDir).some((n) => n.startsWith('tiepsuc-truoc-khoi-phuc-'))).toBe(true);
    const reopened = openDatabase(file);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    // A backup is kept in rollback mode, one file; the restored database is back in WAL.
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    reopened.close();
  });

  it('refuses to restore under a running appliance', async () => {
    const dataDir = path.join(temp.dir, 'running');
    const db = openDatabase(path.join(dataDir, 'tiepsuc.sqlite'));
    await backupDatabase(db, path.join(dataDir, 'backups'), Date.now(), 3);
    db.close();
    writeFileSync(path.join(dataDir, 'tiepsuc.pid'), String(process.pid));
    const run = promisify(execFile);
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/restore.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/đang chạy .*hãy dừng trước/);
  });
});
