import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The checkout's root: one level up from the sources, two from the build in `dist/server`. */
export const appRoot = existsSync(path.join(here, '..', 'package.json'))
  ? path.join(here, '..')
  : path.join(here, '..', '..');

/** Where `vite build` puts the screens. */
export const uiRoot = path.join(appRoot, 'dist', 'ui');
