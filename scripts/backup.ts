/**
 * `npm run backup`: an online copy of the appliance database into DATA_DIR/backups, safe while
 * the appliance runs (SQLite's backup API reads a consistent snapshot beside the WAL writer).
 */
import Database from 'better-sqlite3';
import { loadSettings } from '../server/config.js';
import { backupDatabase, backupsDir } from '../server/db/backup.js';
import { databaseFile } from '../server/db/open.js';

const settings = loadSettings(process.argv.slice(2), process.env);
const db = new Database(databaseFile(settings.dataDir), { fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  const file = await backupDatabase(
    db,
    backupsDir(settings.dataDir),
    Date.now(),
    settings.config.backup.keep,
  );
  console.log(`Đã sao lưu vào ${file}`);
} catch (error) {
  console.error(`Sao lưu thất bại: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  db.close();
}
