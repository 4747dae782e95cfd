import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { EventMessage, SessionEnded, Snapshot, VersionedEvent } from '../../contract/screen.js';
import type { SessionInfo } from '../auth/accounts.js';
import type { Clock } from '../clock.js';
import type { DomainBus, DomainEvents } from '../events.js';
import { accountRoom, type Identity, kindOf, printerRoom, ROOMS, roomsOf } from './rooms.js';

const OWNER = 'realtime';

export interface RealtimeDeps {
  bus: DomainBus;
  clock: Clock;
  /** The session a handshake's Cookie header carries, or null. */
  session: (cookieHeader: string | undefined) => SessionInfo | null;
  /** Everything a snapshot holds but its version. */
  screen: () => Omit<Snapshot, 'version'>;
  /** The configured printers, first one first: a kiosk may name one of these. */
  printerIds: () => string[];
}

interface SocketData {
  identity: Identity;
  kind: string;
  tokenHash: string | null;
  /** The snapshot this socket was last sent, so asking again for the same one gets nothing. */
  sentKey: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: Socket.IO's own default for untyped event maps.
type AppSocket = Socket<any, any, any, SocketData>;

/**
 * The screens' side of the domain events: one subscriber that stamps each change the screens
 * must see with the next `version` and sends it to the rooms allowed to hear it. Versions
 * start from the process start time, so they keep rising across restarts.
 */
export class Realtime {
  readonly io: Server;
  readonly #deps: RealtimeDeps;
  #version: number;
  /** Printer changes are not versioned, but the snapshot holds the printers. */
  #printerRevision = 0;
  readonly #wantSnapshot = new Set<AppSocket>();

  constructor(server: HttpServer, deps: RealtimeDeps) {
    this.#deps = deps;
    this.#version = deps.clock.now();
    this.io = new Server(server, { serveClient: false, maxHttpBufferSize: 16_384 });
    this.io.on('connection', (socket: AppSocket) => this.#connected(socket));
  }

  get version(): number {
    return this.#version;
  }

  snapshot(): Snapshot {
    return { version: this.#version, ...this.#deps.screen() };
  }

  start(): void {
    const { bus } = this.#deps;
    bus.on(OWNER, 'ticket.issued', ({ ticket, waiting }) =>
      this.#publish('ticket.issued', { ticket, waiting }),
    );
    bus.on(OWNER, 'ticket.called', (e) =>
      this.#publish('ticket.called', {
        ticket: e.ticket,
        counter: e.counter,
        announcement: e.call.announcement,
        call: e.call,
        recall: e.recall,
        ...changed(e),
      }),
    );
    bus.on(OWNER, 'ticket.updated', (e) =>
      this.#publish('ticket.updated', { ticket: e.ticket, counter: e.counter, ...changed(e) }),
    );
    bus.on(OWNER, 'counter.updated', (e) =>
      this.#publish('counter.updated', { counter: e.counter, ...changed(e) }),
    );
    bus.on(OWNER, 'counter.taken', ({ counter, fromAccountId, byName }) => {
      this.io.to(accountRoom(fromAccountId)).emit('counter.taken', { counter, byName });
    });
    bus.on(OWNER, 'failover.changed', ({ status }) =>
      this.#publish('failover.changed', { failover: status }),
    );
    bus.on(OWNER, 'failover.transition', (t) => {
      this.io.to(ROOMS.tech).emit('failover.transition', t);
    });
    bus.on(OWNER, 'printer.changed', ({ printer }) => {
      this.#printerRevision++;
      this.io.to([ROOMS.printerWatchers, ROOMS.tech]).emit('printer.changed', { printer });
    });
    bus.on(OWNER, 'print.job', ({ job }) => {
      this.io.to([printerRoom(job.printerId), ROOMS.tech]).emit('print.job', job);
    });
    bus.on(OWNER, 'auth.locked', ({ username, scope, until }) => {
      this.io.to(ROOMS.tech).emit('account.locked', { username, scope, until });
    });
    bus.on(OWNER, 'auth.session_ended', ({ accountId, tokenHash, reason }) => {
      for (const socket of this.#sockets()) {
        const id = socket.data.identity;
        if (id.accountId !== accountId) continue;
        if (tokenHash !== null && socket.data.tokenHash !== tokenHash) continue;
        this.#signOut(socket, reason);
      }
    });
  }

  async stop(): Promise<void> {
    this.#deps.bus.off(OWNER);
    this.io.disconnectSockets(true);
  }

  /** Closes the engine once the HTTP server is closing. */
  close(): void {
    this.io.engine.close();
  }

  /** How many screens of each kind are connected, by what they are. */
  devices(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const socket of this.#sockets()) counts[socket.data.kind] = (counts[socket.data.kind] ?? 0) + 1;
    return counts;
  }

  #sockets(): IterableIterator<AppSocket> {
    return (this.io.sockets.sockets as Map<string, AppSocket>).values();
  }

  #publish(name: VersionedEvent, payload: Omit<EventMessage, 'version'>): void {
    this.#version++;
    this.io.emit(name, { ...payload, version: this.#version });
  }

  #connected(socket: AppSocket): void {
    const hello = socket.handshake.auth as Record<string, unknown>;
    const session = this.#deps.session(socket.handshake.headers.cookie);
    const printers = this.#deps.printerIds();
    const named =
      typeof hello.printerId === 'string' && printers.includes(hello.printerId) ? hello.printerId : null;
    const identity: Identity = {
      role: session?.account.role ?? null,
      accountId: session?.account.id ?? null,
      claimedKind: hello.kind,
      // A kiosk that names none prints on the first printer, as its tickets do.
      printerId: named ?? printers[0] ?? null,
    };
    socket.data = {
      identity,
      kind: kindOf(identity),
      tokenHash: session?.tokenHash ?? null,
      sentKey: null,
    };
    void socket.join(roomsOf(identity));
    this.#sendSnapshot(socket);
    socket.on('snapshot.request', () => this.#sendSnapshot(socket));
  }

  #signOut(socket: AppSocket, reason: SessionEnded['reason']): void {
    const identity: Identity = { ...socket.data.identity, role: null, accountId: null };
    const keep = new Set(roomsOf(identity));
    for (const room of socket.rooms) if (room !== socket.id && !keep.has(room)) void socket.leave(room);
    socket.data = { ...socket.data, identity, kind: kindOf(identity), tokenHash: null };
    socket.emit('session.ended', { reason } satisfies SessionEnded);
  }

  /**
   * Snapshots asked for in the same turn go out as one broadcast, encoded once: a hundred
   * displays reconnecting after a restart cost one serialisation, not a hundred.
   */
  #sendSnapshot(socket: AppSocket): void {
    if (socket.data.sentKey === this.#snapshotKey()) return;
    this.#wantSnapshot.add(socket);
    if (this.#wantSnapshot.size === 1) setImmediate(() => this.#flushSnapshots());
  }

  #snapshotKey(): string {
    return `${this.#version} ${this.#printerRevision} ${this.#deps.screen().day}`;
  }

  #flushSnapshots(): void {
    const key = this.#snapshotKey();
    const sockets = [...this.#wantSnapshot].filter((s) => s.connected);
    this.#wantSnapshot.clear();
    if (sockets.length === 0) return;
    for (const s of sockets) s.data.sentKey = key;
    this.io.to(sockets.map((s) => s.id)).emit('snapshot', this.snapshot());
  }
}

/** The related tickets and counts of a queue change, as the screens' contract sends them. */
function changed(
  e: Pick<DomainEvents['ticket.updated'], 'related' | 'waiting' | 'ticket'> | DomainEvents['counter.updated'],
) {
  const related = e.related.length > 0 ? { related: e.related } : {};
  const own = 'ticket' in e;
  return { ...related, ...(own || e.related.length > 0 ? { waiting: e.waiting } : {}) };
}
