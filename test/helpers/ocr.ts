import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ARTIFACTS } from './browser.js';

/**
 * Reads a printed PNG back with Debian's Tesseract and its Vietnamese model, as lower-case
 * text on one line. The PNG is kept under test-artifacts/tickets as `name`, to look at.
 */
export async function ocr(png: Uint8Array, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, 'tickets');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, png);
  const { stdout } = await promisify(execFile)('tesseract', [file, 'stdout', '-l', 'vie', '--psm', '6']);
  return stdout.toLowerCase().replace(/\s+/g, ' ');
}
