import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';

/**
 * Socket.IO on the app's own HTTP server. Every event so far is public information, so no
 * socket needs a session: a new socket gets a `snapshot`, then every bus event as it happens.
 * Printer news goes only to the screens that show it: `printer.changed` to kiosks and
 * technicians, `print.job` to the kiosk whose printer it is and to technicians.
 */
export function attachRealtime(app: FastifyInstance): Server {
  const io = new Server(app.server, { serveClient: false, maxHttpBufferSize: 16_384 });

  io.on('connection', (socket) => {
    const kind =
      typeof socket.handshake.auth.kind === 'string' ? socket.handshake.auth.kind.slice(0, 20) : 'other';
    socket.data.kind = kind;
    // A kiosk names its printer to hear how its tickets print; the technician hears all jobs.
    const named = socket.handshake.auth.printerId;
    // A kiosk that names none prints on the first printer, as its tickets do.
    const printerId =
      typeof named === 'string'
        ? named.slice(0, 32)
        : kind === 'kiosk'
          ? app.printers.list()[0]?.id
          : undefined;
    if (printerId) void socket.join(`printer:${printerId}`);
    if (kind === 'tech') void socket.join('tech');
    if (kind === 'kiosk' || kind === 'tech') void socket.join(PRINTER_WATCHERS);
    socket.emit('snapshot', app.snapshot());
    socket.on('snapshot.request', () => socket.emit('snapshot', app.snapshot()));
  });

  const unsubscribe = app.bus.subscribe((name, message) => io.emit(name, message));

  app.addHook('preClose', async () => {
    unsubscribe();
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    io.engine.close();
  });
  return io;
}

/** The screens told of every printer change: kiosks (to warn citizens) and technicians. */
export const PRINTER_WATCHERS = 'printer-watchers';

/** How many screens of each kind are connected, for the technician. */
export function connectedDevices(io: Server): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const socket of io.sockets.sockets.values()) {
    const kind = String(socket.data.kind ?? 'other');
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
