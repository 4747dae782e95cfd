import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * How `npm run serve` starts the appliance (package.json `config`): the Node flags and the
 * environment, so the bench measures the process a center runs, not a differently tuned one.
 */
export function servedAs(root: string): { flags: string[]; env: Record<string, string> } {
  const { nodeFlags, nodeEnv } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).config as {
    nodeFlags: string;
    nodeEnv: string;
  };
  const env = Object.fromEntries(nodeEnv.split(' ').map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
  return { flags: nodeFlags.split(' '), env };
}
