import { readFileSync } from 'node:fs';

/** The appliance version, from package.json, reported by /api/health. */
export const version: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
