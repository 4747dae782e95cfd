import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from './paths.js';

/** The appliance version, from package.json, reported by /api/health. */
export const version: string = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')).version;
