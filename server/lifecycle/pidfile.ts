import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `DATA_DIR/tiepsuc.pid` while the appliance serves: what `npm run restore` checks before it
 * replaces the database under a running server. Left behind by a crash, it names a process
 * that no longer runs, which counts as stopped.
 */
export const pidFile = (dataDir: string) => path.join(dataDir, 'tiepsuc.pid');

export function writePid(dataDir: string): void {
  writeFileSync(pidFile(dataDir), String(process.pid));
}

export function removePid(dataDir: string): void {
  rmSync(pidFile(dataDir), { force: true });
}

/** The pid of the appliance serving this data directory, or null when none runs. */
export function runningPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(dataDir), 'utf8'));
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
