import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { FakePrinter } from './fake-printer.js';

/**
 * A serial printer on the far end of a socat pty pair: the appliance opens `hostPath` as it
 * would /dev/ttyUSB0, and the fake printer reads and answers on the other end.
 */
export async function serialPrinter(dir: string): Promise<{
  printer: FakePrinter;
  hostPath: string;
  close: () => Promise<void>;
}> {
  const hostPath = path.join(dir, 'ttyHOST');
  const printerPath = path.join(dir, 'ttyPRINTER');
  const socat: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${printerPath}`],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostPath) && existsSync(printerPath))) {
    if (Date.now() > deadline) throw new Error('socat did not make the pty pair');
    await new Promise((r) => setTimeout(r, 20));
  }
  const port = new SerialPort({ path: printerPath, baudRate: 115_200 });
  await once(port, 'open');
  const printer = new FakePrinter((bytes) => port.write(Buffer.from(bytes)));
  port.on('data', (chunk: Buffer) => printer.receive(chunk));
  return {
    printer,
    hostPath,
    async close() {
      if (port.isOpen) await new Promise((r) => port.close(r));
      socat.kill();
      await once(socat, 'exit');
    },
  };
}

/** A network printer: a TCP peer (as on port 9100) with the fake printer behind it. */
export async function tcpPrinter(port = 0): Promise<{
  printer: FakePrinter;
  port: number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let current: net.Socket | null = null;
  const printer = new FakePrinter((bytes) => current?.write(bytes));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    current = socket;
    socket.on('data', (chunk) => printer.receive(chunk));
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    printer,
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
