import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './net.js';
import { eventually } from './server.js';

const run = promisify(execFile);

/**
 * A real Network UPS Tools server: Debian's upsd with the dummy-ups driver, which reads the
 * UPS's state from a file the test writes (`ups.status: OL`, `OB`, `OB LB`). Run straight from
 * /lib/nut, so /etc/nut/nut.conf (MODE=none on a fresh machine) is neither read nor changed.
 */
export async function upsServer(dir: string, name = 'tiepsuc') {
  mkdirSync(path.join(dir, 'state'), { recursive: true });
  const port = await freePort();
  const stateFile = path.join(dir, `${name}.dev`);
  writeFileSync(
    path.join(dir, 'ups.conf'),
    `[${name}]\n  driver = dummy-ups\n  port = ${stateFile}\n  desc = "UPS thử"\n`,
  );
  writeFileSync(path.join(dir, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
  writeFileSync(path.join(dir, 'upsd.users'), '');
  chmodSync(path.join(dir, 'upsd.users'), 0o600);
  writeFileSync(path.join(dir, 'nut.conf'), 'MODE=standalone\n');
  // dummy-ups rereads its file when the modification time changes, compared in whole
  // seconds: two states written within one second would look like one. Each write moves it on.
  let mtime = Math.floor(Date.now() / 1000);
  const write = (status: string) => {
    writeFileSync(stateFile, `ups.status: ${status}\n`);
    mtime += 1;
    utimesSync(stateFile, mtime, mtime);
  };
  write('OL');
  const env = { ...process.env, NUT_CONFPATH: dir, NUT_STATEPATH: path.join(dir, 'state') };
  const children: ChildProcess[] = [];
  const start = (cmd: string, args: string[]) => {
    const child = spawn(cmd, args, { env, stdio: 'ignore' });
    children.push(child);
  };
  start('/lib/nut/dummy-ups', ['-a', name, '-u', 'root', '-D']);
  await eventually('the driver running', () =>
    readdirSync(path.join(dir, 'state')).some((f) => f.startsWith('dummy-ups')),
  );
  start('/lib/nut/upsd', ['-u', 'root', '-F']);
  await eventually(
    'upsd listening',
    () =>
      new Promise<boolean>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      }),
  );
  /** What upsd reports now, asked with Debian's own client. */
  const reported = async () =>
    (await run('upsc', [`${name}@127.0.0.1:${port}`, 'ups.status'], { env })).stdout.trim();
  return {
    port,
    name,
    /** What the UPS reports from now on (OL on mains, OB on battery, OB LB battery low), once upsd says it. */
    async set(status: string) {
      write(status);
      await eventually(`upsd reporting ${status}`, async () => (await reported()) === status, 15_000);
    },
    async stop() {
      for (const child of children) {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await once(child, 'exit');
        }
      }
    },
  };
}
