import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from '../../drivers/transports/index.js';
import { openDatabase } from '../../server/db/open.js';
import { DomainBus } from '../../server/events.js';
import { jobStore } from '../../server/printing/jobs.js';
import { Printer } from '../../server/printing/printer.js';
import { Spool } from '../../server/printing/spool.js';
import { eventually } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterEach(() => temp.remove());

describe('a printer whose database fails', () => {
  it('logs the error and carries on: no rejection escapes to end the process', async () => {
    const db = openDatabase(path.join(temp.dir, 'p.sqlite'));
    const dir = path.join(temp.dir, 'spool');
    const logged: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    const printer = new Printer({
      id: 'ao',
      paperWidthMm: 80,
      transport: createTransport({ transport: 'virtual', dir }),
      jobs: jobStore(db),
      render: () => Promise.reject(new Error('not reached')),
      spool: new Spool(dir),
      clock: { now: () => Date.now() },
      settings: {
        statusIntervalMs: 50,
        statusTimeoutMs: 200,
        maxAttempts: 3,
        retryBaseMs: 10,
        expireMs: 60_000,
        lateMarkMs: 60_000,
        renderTimeoutMs: 1000,
      },
      bus: new DomainBus({ onListenerError: () => {} }),
      logError: (_err, message) => logged.push(message),
    });
    try {
      printer.start();
      // The database goes away under it (a disk pulled, a file locked): every query now throws.
      db.close();
      printer.kick();
      await eventually('errors logged', () => logged.includes('printing stopped on an error'));
      await eventually(
        'the poll keeps running',
        () => logged.filter((m) => m === 'printing stopped on an error').length > 2,
      );
      expect(unhandled).toEqual([]);
    } finally {
      await printer.stop();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
