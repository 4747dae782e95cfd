import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import { ChildWorker, childEntry } from '../workers/child-worker.js';
import { type BackupRequest, newestBackupAt } from './backup.js';

const HOUR = 3_600_000;

export interface BackupsOptions {
  databaseFile: string;
  dir: string;
  everyHours: number;
  keep: number;
  /** Compared with the newest backup's file time, so it runs on the wall clock. */
  clock: Clock;
}

/**
 * The appliance's own backups, made in the backup process (see `backup-process.ts`) while the
 * queue server goes on answering. Whether one is due is asked hourly rather than at a fixed
 * time, because appliances are often switched off at night.
 */
export class Backups {
  readonly #o: BackupsOptions;
  readonly #worker = new ChildWorker<BackupRequest, string>({
    entry: childEntry('backup-process', import.meta.url),
    name: 'Bộ sao lưu',
    // A year's database copies and checks in a second or two; a disk that stalls gets minutes.
    timeoutMs: 10 * 60_000,
    maxOldSpaceMb: 64,
    idleExitMs: 10_000,
  });

  #timer: NodeJS.Timeout | null = null;

  constructor(options: BackupsOptions) {
    this.#o = options;
  }

  /** Backs up now if one is due, then asks again every hour; what happens goes to `log`. */
  start(log: FastifyBaseLogger): void {
    const run = async () => {
      try {
        const file = await this.ifDue();
        if (file) log.info({ file }, 'backup written');
      } catch (err) {
        log.error({ err }, 'backup failed');
      }
    };
    this.#timer = setInterval(run, HOUR);
    this.#timer.unref();
    void run();
  }

  /** Makes a backup when the newest is `everyHours` old: the copy's path, or null when none was due. */
  async ifDue(): Promise<string | null> {
    const { databaseFile, dir, everyHours, keep, clock } = this.#o;
    const now = clock.now();
    const last = newestBackupAt(dir);
    if (last !== null && now - last < everyHours * HOUR) return null;
    return this.#worker.request({ databaseFile, dir, now, keep });
  }

  /** Ends the backup process; a copy cut off here is only a partial file, removed by a later backup. */
  stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    return this.#worker.stop();
  }
}
