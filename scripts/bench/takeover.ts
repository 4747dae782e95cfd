import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { post } from './load.js';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function started(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const m = pattern.exec(line);
      if (m) resolve(m[1] ?? line);
    });
  });
}

/**
 * Time from QMS dying (its port refusing) to the first ticket the appliance accepts, on the
 * default probe settings, `trials` times against the QMS simulator; each trial hands back
 * first. Returns every trial and the median, in seconds.
 */
export async function takeover(
  root: string,
  served: { flags: string[]; env: Record<string, string> },
  trials: number,
) {
  const qmsPort = await freePort();
  const controlPort = await freePort();
  const sim = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/qms-sim.ts', '--port', String(qmsPort), '--control', String(controlPort)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await started(sim, /(control on)/);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiepsuc-takeover-'));
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      qms: {
        probes: [{ type: 'tcp', host: '127.0.0.1', port: qmsPort, timeoutMs: 800 }],
        recoverHoldMs: 2000,
        // Five handbacks in a row are the point here, so the flap guard stands aside.
        maxFlaps: 100,
      },
      // One client taps several times a second through every handback: a 429 from the per-kiosk
      // limit would be counted as takeover time (one trial measured 48.9 s that way).
      limits: { ticketsPerMinutePerClient: 100_000 },
    }),
  );
  const app = spawn(process.execPath, [...served.flags, 'dist/server/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      ...served.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      TIEPSUC_ADMIN_PASSWORD: 'bench-admin-password',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await started(app, /đang chạy tại (http:\/\/[\d.:]+)/);
  const mode = (m: string) => post(`http://127.0.0.1:${controlPort}/mode`, { mode: m });
  const login = await post(`${url}/api/auth/login`, { username: 'admin', password: 'bench-admin-password' });
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
  const seconds: number[] = [];
  try {
    for (let trial = 0; trial < trials; trial++) {
      await mode('up');
      // Hand back fully: call and finish the fallback tickets until issuing is refused again.
      for (let i = 0; i < 200 && (await post(`${url}/api/tickets`, { serviceId: 1 })).status !== 409; i++) {
        await post(`${url}/api/counters/1/next`, {}, { cookie });
        await sleep(250);
      }
      await post(`${url}/api/counters/1/done`, {}, { cookie });
      await sleep(1500);
      const t0 = performance.now();
      await mode('down');
      while ((await post(`${url}/api/tickets`, { serviceId: 1 })).status !== 201) await sleep(50);
      seconds.push(Math.round((performance.now() - t0) / 10) / 100);
    }
  } finally {
    // The spool is written until the appliance has stopped.
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGTERM');
    sim.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return { trials: seconds, medianSeconds: sorted[Math.floor(sorted.length / 2)] as number };
}
