import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { freePort } from './net.js';
import { call } from './server.js';

/** scripts/qms-sim.ts as its own process: QMS 1.2 to watch, put up or down by the test. */
export async function qmsSimulator() {
  const port = await freePort();
  const controlPort = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/qms-sim.ts', '--port', String(port), '--control', String(controlPort)],
    { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) =>
    child.stdout?.on('data', (d) => String(d).includes('control on') && resolve()),
  );
  return {
    port,
    async mode(mode: 'up' | 'down' | 'hang' | 'error' | 'flap'): Promise<string> {
      return (await call(`http://127.0.0.1:${controlPort}/mode`, 'POST', { mode })).body.mode;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
