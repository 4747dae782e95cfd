/**
 * `npm run restore [FILE]`: puts a backup back as the appliance's database, with the appliance
 * stopped. Without FILE, the newest good backup in DATA_DIR/backups. The copy is checked
 * whole first, and the database it replaces is kept beside it, not deleted.
 */
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../server/config.js';
import { backupsDir, integrityProblem, listBackups } from '../server/db/backup.js';
import { databaseFile } from '../server/db/open.js';
import { runningPid } from '../server/lifecycle/pidfile.js';

function restore(): string {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const settings = loadSettings(
    process.argv.slice(2).filter((a) => !args.includes(a)),
    process.env,
  );
  const running = runningPid(settings.dataDir);
  if (running !== null) {
    throw new Error(
      `Tiếp Sức đang chạy (tiến trình ${running}); hãy dừng trước (sudo systemctl stop tiep-suc) rồi chạy lại.`,
    );
  }
  const dir = backupsDir(settings.dataDir);
  const chosen = args[0] ? path.resolve(args[0]) : listBackups(dir).map((n) => path.join(dir, n))[0];
  if (!chosen) throw new Error(`Không có bản sao lưu nào trong ${dir}.`);
  const problem = integrityProblem(chosen);
  if (problem) throw new Error(`Bản sao lưu ${chosen} không dùng được (${problem}); hãy chọn bản khác.`);

  const live = databaseFile(settings.dataDir);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const aside = path.join(settings.dataDir, `tiepsuc-truoc-khoi-phuc-${stamp}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(live + suffix)) renameSync(live + suffix, aside + suffix);
  }
  copyFileSync(chosen, `${live}.partial`);
  renameSync(`${live}.partial`, live);
  return `Đã khôi phục ${chosen} thành ${live}.${existsSync(aside) ? ` Cơ sở dữ liệu cũ được giữ ở ${aside}.` : ''}`;
}

try {
  console.log(restore());
} catch (error) {
  console.error(`Không khôi phục được: ${(error as Error).message}`);
  process.exitCode = 1;
}
