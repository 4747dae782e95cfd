import { io, type Socket } from 'socket.io-client';
import { VERSIONED_EVENTS } from '../../../contract/screen.js';
import { applyEvent, applyPrinter, versionStep } from './apply.js';
import type { EventMessage, PrinterView, ScreenSnapshot } from './types.js';

/**
 * Silence that means the link is dead. The server pings every 2 s (realtime.ts), so five
 * seconds without a ping or an event is a link cut without a goodbye: a pulled cable, a
 * frozen server, a switch that lost power.
 */
const SILENCE_MS = 5000;

/**
 * The live state of the queue on a screen: a snapshot on connect, then every event in
 * version order. A gap (a missed event) or a reconnect asks for a new snapshot, so a screen
 * left open for days never drifts; it reconnects by itself after a restart of the server.
 */
export class Live {
  snapshot = $state<ScreenSnapshot | null>(null);
  connected = $state(false);
  /**
   * When the link was seen to fail, for "mất kết nối từ 10:42"; null while connected, and
   * before the first connection (a page that is still connecting has lost nothing).
   */
  offlineSince = $state<number | null>(null);
  readonly socket: Socket;
  readonly #listeners = new Set<(name: string, m: EventMessage) => void>();
  #lastHeard = performance.now();
  #counter: number | null = null;

  /** `printerId`: a kiosk names its printer to be told how its tickets print (`print.job`). */
  constructor(kind: string, printerId?: string) {
    this.socket = io({
      auth: { kind, printerId },
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 3000,
      // An attempt made while the link is down can hang with no answer and no reset; Socket.IO
      // waits 20 s for it by default, so a screen stayed offline that long after the cable was
      // back. A LAN answers a handshake in milliseconds: give up on one after 5 s and try again.
      timeout: 5000,
    });
    const heard = () => {
      this.#lastHeard = performance.now();
    };
    this.socket.io.on('ping', heard);
    this.socket.onAny(heard);
    this.socket.on('connect', () => {
      heard();
      this.connected = true;
      this.offlineSince = null;
      if (this.#counter !== null) this.socket.emit('screen.place', { counter: this.#counter });
    });
    this.socket.on('connect_error', () => this.#offline());
    this.socket.on('disconnect', (reason) => {
      this.connected = false;
      // Our own reconnect after a login or logout (`renew`) loses no link: the server is right
      // there, and a clerk's first F1 must not be refused as offline while it reconnects.
      if (reason !== 'io client disconnect') this.#offline();
      // A server that shuts down disconnects us on purpose, and socket.io does not retry
      // those by itself; a restarting appliance is exactly when a screen must come back.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on('snapshot', (s: ScreenSnapshot) => {
      this.snapshot = s;
    });
    for (const name of VERSIONED_EVENTS) this.socket.on(name, (m: EventMessage) => this.#receive(name, m));
    // Not versioned: only kiosks and technicians get it, and the newest state is all that counts.
    this.socket.on('printer.changed', (m: { printer: PrinterView }) => {
      if (this.snapshot) applyPrinter(this.snapshot, m.printer);
    });
    this.#watch();
  }

  /**
   * The watchdog behind Socket.IO's own ping timeout: a tab whose timers were held back, or
   * a half-open TCP link, still turns offline here, and closing the engine starts a reconnect.
   */
  #watch(): void {
    setInterval(() => {
      if (!this.connected || performance.now() - this.#lastHeard < SILENCE_MS) return;
      this.#offline();
      this.socket.io.engine?.close();
    }, 1000);
  }

  #offline(): void {
    this.connected = false;
    this.offlineSince ??= Date.now();
  }

  /** Tells the technician's list which counter this screen stands at, now and after each reconnect. */
  place(counter: number): void {
    if (this.#counter === counter) return;
    this.#counter = counter;
    if (this.socket.connected) this.socket.emit('screen.place', { counter });
  }

  /**
   * After a login or logout: connect again, so the server reads the new session cookie and
   * puts this screen in the rooms its account may hear (a socket's rooms follow its session).
   */
  renew(): void {
    this.socket.disconnect().connect();
  }

  #receive(name: string, m: EventMessage): void {
    const s = this.snapshot;
    if (!s) return;
    const step = versionStep(s.version, m.version);
    if (step === 'stale') return;
    if (step === 'gap') {
      this.socket.emit('snapshot.request');
      return;
    }
    applyEvent(s, name, m);
    for (const listener of this.#listeners) listener(name, m);
  }

  /** Live events only, never replayed from a snapshot: a display that joins late stays quiet. */
  on(listener: (name: string, m: EventMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
