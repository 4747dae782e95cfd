import { once } from 'node:events';
import net from 'node:net';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A TCP listener standing for a host that answers (a router, a site on the Internet). */
export async function listener(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * A network cable between a browser and the server that can be pulled: while pulled, bytes
 * stop in both directions and new connections hang, with no reset and no FIN, as when a
 * cable comes out of a switch. Plugged back, new connections pass again.
 */
export async function cable(target: number): Promise<{
  port: number;
  pull: () => void;
  plug: () => void;
  /** Connections opened while the cable was out, each left hanging. */
  swallowed: () => number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let pulled = false;
  let swallowed = 0;
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    // A connection opened while the cable is out goes nowhere until it gives up.
    if (pulled) {
      swallowed++;
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    const pass = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk) => {
        if (!pulled) to.write(chunk);
      });
    pass(client, upstream);
    pass(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    pull: () => {
      pulled = true;
    },
    plug: () => {
      pulled = false;
    },
    swallowed: () => swallowed,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
