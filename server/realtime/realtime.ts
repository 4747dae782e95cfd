import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type {
  EventMessage,
  ScreenView,
  SessionEnded,
  Snapshot,
  VersionedEvent,
} from '../../contract/screen.js';
import type { SessionInfo } from '../auth/accounts.js';
import type { Clock } from '../clock.js';
import type { DomainBus, DomainEvents } from '../events.js';
import { accountRoom, type Identity, kindOf, printerRoom, ROOMS, roomsOf } from './rooms.js';
import { ScreenRoster } from './roster.js';

const OWNER = 'realtime';
/** Snapshots one socket may ask for in a window; a client that asks more is ignored, then dropped. */
const SNAPSHOT_ASKS = { window: 10_000, ignoreAfter: 10, dropAfter: 200 };

export interface RealtimeDeps {
  bus: DomainBus;
  clock: Clock;
  /** Connections one address may hold at once. */
  socketsPerAddress: number;
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
  /** Its `snapshot.request`s in the current window. */
  asks: { since: number; n: number };
  /** Whether it has said which counter it stands at: once per connection is all a page needs. */
  placed: boolean;
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
  /** Open connections per client address, counted at the engine, before any Socket.IO work. */
  readonly #perAddress = new Map<string, number>();
  readonly #roster = new ScreenRoster();

  constructor(server: HttpServer, deps: RealtimeDeps) {
    this.#deps = deps;
    this.#version = deps.clock.now();
    this.io = new Server(server, {
      serveClient: false,
      // A LAN answers in milliseconds: a ping every 2 s, given 2 s to come back, lets every
      // screen see a dead link within about 4 s (the defaults took 45 s, a whole call missed).
      pingInterval: 2000,
      pingTimeout: 2000,
      maxHttpBufferSize: 16_384,
      allowRequest: (req, allow) => {
        const address = req.socket.remoteAddress ?? '';
        const open = this.#perAddress.get(address) ?? 0;
        allow(
          open >= deps.socketsPerAddress ? 'Quá nhiều kết nối từ một địa chỉ.' : null,
          open < deps.socketsPerAddress,
        );
      },
    });
    this.io.engine.on(
      'connection',
      (conn: { remoteAddress: string; once: (e: 'close', f: () => void) => void }) => {
        const address = conn.remoteAddress;
        this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
        conn.once('close', () => {
          const left = (this.#perAddress.get(address) ?? 1) - 1;
          if (left > 0) this.#perAddress.set(address, left);
          else this.#perAddress.delete(address);
        });
      },
    );
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
    bus.on(OWNER, 'notice.changed', ({ active }) => this.#publish('notice', { notices: active }));
    // A service or counter set up anew: every screen redraws from a fresh snapshot, as on connect.
    bus.on(OWNER, 'setup.changed', () => {
      this.#version++;
      for (const socket of this.#sockets()) this.#sendSnapshot(socket);
    });
    bus.on(OWNER, 'incident.changed', ({ incident }) => {
      this.io.to(ROOMS.leader).emit('incident.changed', incident);
    });
    // Counts only: a record's personal data never travels on a socket.
    bus.on(OWNER, 'intake.changed', ({ summary }) => {
      this.io.to(ROOMS.staff).emit('intake.summary', summary);
    });
    bus.on(OWNER, 'failover.transition', (t) => {
      this.io.to(ROOMS.tech).emit('failover.transition', t);
    });
    bus.on(OWNER, 'printer.changed', ({ printer }) => {
      this.#printerRevision++;
      this.io.to([ROOMS.printerWatchers, ROOMS.tech]).emit('printer.changed', { printer });
    });
    bus.on(OWNER, 'print.job', ({ job }) => {
      // A kiosk hears its tickets' jobs; a receipt is for staff only, whatever printer it is on.
      const rooms = job.kind === 'receipt' ? [ROOMS.staff] : [printerRoom(job.printerId), ROOMS.tech];
      this.io.to(rooms).emit('print.job', job);
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

  /** The screens up now and those seen earlier that are gone, for the technician. */
  screens(): ScreenView[] {
    return this.#roster.list(this.#deps.clock.now());
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
      placed: false,
      asks: { since: performance.now(), n: 0 },
    };
    void socket.join(roomsOf(identity));
    this.#sendSnapshot(socket);
    socket.on('snapshot.request', () => this.#asked(socket));
    const now = () => this.#deps.clock.now();
    this.#roster.connected(
      {
        socketId: socket.id,
        kind: socket.data.kind,
        address: socket.handshake.address.replace(/^::ffff:/, ''),
        printerId: identity.printerId,
      },
      now(),
    );
    // Which counter a page stands at: a label for the technician's list, granting nothing.
    // Heard once per connection, since checking it reads the counters: a socket that keeps
    // sending it costs nothing more.
    socket.on('screen.place', (m: unknown) => {
      if (socket.data.placed) return;
      socket.data.placed = true;
      const counter = (m as { counter?: unknown } | null)?.counter;
      if (typeof counter !== 'number' || !this.#deps.screen().counters.some((c) => c.number === counter))
        return;
      this.#roster.placed(socket.id, counter, now());
    });
    socket.on('disconnect', () => this.#roster.disconnected(socket.id, now()));
  }

  #signOut(socket: AppSocket, reason: SessionEnded['reason']): void {
    const identity: Identity = { ...socket.data.identity, role: null, accountId: null };
    const keep = new Set(roomsOf(identity));
    for (const room of socket.rooms) if (room !== socket.id && !keep.has(room)) void socket.leave(room);
    socket.data = { ...socket.data, identity, kind: kindOf(identity), tokenHash: null };
    this.#roster.disconnected(socket.id, this.#deps.clock.now());
    socket.emit('session.ended', { reason } satisfies SessionEnded);
  }

  /**
   * A screen that saw a gap asks for a snapshot: a few times a window is plenty. Past that the
   * asks are ignored, and a socket that keeps flooding is dropped (10,000 asks from one
   * socket once made the server send 132 MB and stall for a second).
   */
  #asked(socket: AppSocket): void {
    // Real time, not the business clock: this is about how fast a client sends.
    const now = performance.now();
    const asks = socket.data.asks;
    if (now - asks.since > SNAPSHOT_ASKS.window) socket.data.asks = { since: now, n: 0 };
    const n = ++socket.data.asks.n;
    if (n > SNAPSHOT_ASKS.dropAfter) socket.disconnect(true);
    else if (n <= SNAPSHOT_ASKS.ignoreAfter) this.#sendSnapshot(socket);
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
