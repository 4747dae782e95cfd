import { existsSync, readFileSync } from 'node:fs';

/** package.json is one level up from the sources and two from the build in dist/. */
function packageJson(): URL {
  const near = new URL('../package.json', import.meta.url);
  return existsSync(near) ? near : new URL('../../package.json', import.meta.url);
}

/** The appliance version, from package.json, reported by /api/health. */
export const version: string = JSON.parse(readFileSync(packageJson(), 'utf8')).version;
