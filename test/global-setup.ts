import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The end-to-end tests drive the built screens, so build them once before any test runs. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'kiosk-ui/vite.config.ts',
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
