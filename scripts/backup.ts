/**
 * `npm run backup`: an online copy of the appliance database into DATA_DIR/backups, safe while
 * the appliance runs (SQLite's backup API reads a consistent snapshot beside the WAL writer).
 */
import { loadSettings } from '../server/config.js';
import { backupFile, backupsDir } from '../server/db/backup.js';
import { databaseFile } from '../server/db/open.js';

const settings = loadSettings(process.argv.slice(2), process.env);
try {
  const file = await backupFile({
    databaseFile: databaseFile(settings.dataDir),
    dir: backupsDir(settings.dataDir),
    now: Date.now(),
    keep: settings.config.backup.keep,
  });
  console.log(`Đã sao lưu vào ${file}`);
} catch (error) {
  console.error(`Sao lưu thất bại: ${(error as Error).message}`);
  process.exitCode = 1;
}
