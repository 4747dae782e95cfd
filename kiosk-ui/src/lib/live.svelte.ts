import { io, type Socket } from 'socket.io-client';
import { VERSIONED_EVENTS } from '../../../contract/screen.js';
import { applyEvent, applyPrinter, versionStep } from './apply.js';
import type { EventMessage, PrinterView, ScreenSnapshot } from './types.js';

/**
 * The live state of the queue on a screen: a snapshot on connect, then every event in
 * version order. A gap (a missed event) or a reconnect asks for a new snapshot, so a screen
 * left open for days never drifts; it reconnects by itself after a restart of the server.
 */
export class Live {
  snapshot = $state<ScreenSnapshot | null>(null);
  connected = $state(false);
  readonly socket: Socket;
  readonly #listeners = new Set<(name: string, m: EventMessage) => void>();

  /** `printerId`: a kiosk names its printer to be told how its tickets print (`print.job`). */
  constructor(kind: string, printerId?: string) {
    this.socket = io({
      auth: { kind, printerId },
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 3000,
    });
    this.socket.on('connect', () => {
      this.connected = true;
    });
    this.socket.on('disconnect', (reason) => {
      this.connected = false;
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
