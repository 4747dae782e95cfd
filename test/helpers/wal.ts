import { readFileSync } from 'node:fs';

/**
 * How many transactions the write-ahead log of a database file holds: a commit's last frame
 * records the database's size, every other frame zero (sqlite.org/fileformat.html, "WAL File
 * Format"). Frames left from before the log last restarted carry other salts and are not counted.
 */
export function walCommits(databaseFile: string): number {
  const wal = readFileSync(`${databaseFile}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salts[0] || wal.readUInt32BE(at + 12) !== salts[1]) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}
