/**
 * A stand-in for QMS 1.2's web server, for tests, demos and drills. It answers its health
 * page as QMS would, and can be told to fail the ways QMS fails:
 *   up     200 with a QMS page
 *   down   the port is closed: connections are refused
 *   hang   connections are accepted and never answered
 *   error  500
 *   flap   up and down in turn, every `periodMs`
 * Usage: npx tsx scripts/qms-sim.ts --port 8081 --control 8082 [--mode up] [--period 5000]
 * Change mode: curl -X POST localhost:8082/mode -d '{"mode":"down"}'
 */
import http from 'node:http';
import type { Socket } from 'node:net';

type Mode = 'up' | 'down' | 'hang' | 'error' | 'flap';
const MODES: readonly Mode[] = ['up', 'down', 'hang', 'error', 'flap'];

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const host = arg('host', '127.0.0.1');
const port = Number(arg('port', '8081'));
const controlPort = Number(arg('control', '8082'));
let mode = arg('mode', 'up') as Mode;
let periodMs = Number(arg('period', '5000'));
let flapTimer: ReturnType<typeof setInterval> | undefined;

const sockets = new Set<Socket>();
const qms = http.createServer((_req, res) => {
  if (mode === 'hang') return; // keep the socket open and say nothing
  if (mode === 'error') {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    return;
  }
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end('<html><title>QMS 1.2</title>OK</html>');
});
qms.on('connection', (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});

function listen(): Promise<void> {
  return qms.listening ? Promise.resolve() : new Promise((r) => qms.listen(port, host, () => r()));
}

/** Closes the port and drops open connections: new connections are refused. */
function close(): Promise<void> {
  for (const s of sockets) s.destroy();
  return qms.listening ? new Promise((r) => qms.close(() => r())) : Promise.resolve();
}

async function apply(next: Mode): Promise<void> {
  mode = next;
  clearInterval(flapTimer);
  if (mode === 'down') await close();
  else await listen();
  if (mode === 'flap') {
    let up = true;
    flapTimer = setInterval(() => {
      up = !up;
      void (up ? listen() : close());
    }, periodMs);
  }
  console.log(`qms-sim mode ${mode}`);
}

const control = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', async () => {
    if (req.method === 'POST' && req.url === '/mode') {
      const wanted = (JSON.parse(body || '{}') as { mode?: Mode; periodMs?: number }) ?? {};
      if (!wanted.mode || !MODES.includes(wanted.mode)) {
        res.writeHead(400).end(`mode must be one of ${MODES.join(', ')}`);
        return;
      }
      if (wanted.periodMs) periodMs = wanted.periodMs;
      await apply(wanted.mode);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ mode, periodMs, port }));
  });
});

await new Promise<void>((r) => control.listen(controlPort, host, () => r()));
await apply(mode);
console.log(`qms-sim on http://${host}:${port}/, control on http://${host}:${controlPort}/mode`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void close().then(() => process.exit(0));
    control.close();
  });
}
