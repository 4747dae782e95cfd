import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadSettings } from './config.js';
import { backupsDir } from './db/backup.js';
import { Backups } from './db/backups.js';
import { databaseFile, openDatabase } from './db/open.js';
import { removePid, writePid } from './lifecycle/pidfile.js';

async function main() {
  const settings = loadSettings(process.argv.slice(2), process.env);
  const dbFile = databaseFile(settings.dataDir);
  const db = openDatabase(dbFile);
  const app = await buildApp({
    config: settings.config,
    fixed: settings.fixed,
    db,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    adminPassword: process.env.TIEPSUC_ADMIN_PASSWORD,
  });

  // Every timer and promise of the appliance catches its own errors; one that slips through is
  // a bug to log, not a reason to stop issuing numbers (systemd would restart, but a fault
  // that recurs would then stop the queue again and again).
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => app.log.error({ err }, 'uncaught exception'));

  const backups = new Backups({
    databaseFile: dbFile,
    dir: backupsDir(settings.dataDir),
    ...settings.config.backup,
    clock: systemClock,
  });

  const grace = closeWithGrace(
    { delay: 10_000, skip: ['uncaughtException', 'unhandledRejection'] },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'stopping after an error');
      else app.log.info({ signal }, 'stopping');
      await backups.stop();
      await app.close();
      db.close();
      removePid(settings.dataDir);
    },
  );

  // The UPS's battery is nearly empty (plan 2.7): stop cleanly now, while every write can finish,
  // rather than be cut off when it runs out.
  app.bus.on('main', 'power.changed', ({ status }) => {
    if (status !== 'low_battery') return;
    app.log.warn('Pin UPS yếu: Tiếp Sức dừng an toàn.');
    void grace.close();
  });

  const address = await app.listen({ host: settings.host, port: settings.port });
  writePid(settings.dataDir);
  if (app.setupToken) {
    const port = (app.server.address() as { port: number }).port;
    app.log.warn(
      `Chưa có mật khẩu cho tài khoản admin. Mở liên kết sau một lần để đặt mật khẩu: http://localhost:${port}/setup#${app.setupToken}`,
    );
  }
  app.log.info(
    { dataDir: settings.dataDir, config: settings.configPath },
    `Tiếp Sức đang chạy tại ${address}`,
  );
  backups.start(app.log);
}

main().catch((error: Error) => {
  // Config, migration and database errors are written for the technician; others keep their stack.
  const expected = ['ConfigError', 'MigrationError', 'DatabaseError'].includes(error.name);
  console.error(expected ? `Không khởi động được: ${error.message}` : error);
  process.exit(1);
});
