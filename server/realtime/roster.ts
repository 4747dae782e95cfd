import type { ScreenView } from '../../contract/screen.js';
import { DAY_MS } from '../day.js';

/** The screens a center expects to stay up: the public ones and the counters' own pages. */
const WATCHED = new Set(['kiosk', 'display', 'counter-display', 'counter', 'rating']);
/** The screens that belong to a counter and say which (`screen.place`). */
const AT_COUNTER = new Set(['counter', 'counter-display', 'rating']);
/** Screens remembered at most: a crowd of pages opened on phones must not grow it without end. */
const MAX_SCREENS = 300;

export interface ScreenHello {
  socketId: string;
  kind: string;
  address: string;
  printerId: string | null;
}

/**
 * Which screens are up and which were up and are gone. A screen counts as expected once it has
 * been seen since the start; one that drops stays on the list, red, for the technician to find
 * by its counter or address, until a day has passed without it.
 */
export class ScreenRoster {
  readonly #screens = new Map<string, ScreenView & { sockets: Set<string> }>();
  readonly #keyOf = new Map<string, string>();
  readonly #hello = new Map<string, ScreenHello>();

  connected(hello: ScreenHello, now: number): void {
    if (!WATCHED.has(hello.kind)) return;
    this.#hello.set(hello.socketId, hello);
    this.#attach(hello, null, now);
  }

  /** A page said which counter it is at (a counter display by its address, a clerk on sign-in). */
  placed(socketId: string, counter: number, now: number): void {
    const hello = this.#hello.get(socketId);
    if (!hello || !AT_COUNTER.has(hello.kind)) return;
    this.#detach(socketId, now);
    this.#attach(hello, counter, now);
  }

  disconnected(socketId: string, now: number): void {
    this.#detach(socketId, now);
    this.#hello.delete(socketId);
  }

  list(now: number): ScreenView[] {
    for (const [key, s] of this.#screens)
      if (!s.connected && now - s.since > DAY_MS) this.#screens.delete(key);
    return [...this.#screens.values()]
      .map(({ sockets: _, ...view }) => view)
      .sort((a, b) => a.kind.localeCompare(b.kind) || (a.counter ?? 0) - (b.counter ?? 0));
  }

  #attach(hello: ScreenHello, counter: number | null, now: number): void {
    // A counter's screens are known by their counter wherever they plug in; others by address.
    const key =
      counter !== null
        ? `${hello.kind}#${counter}`
        : `${hello.kind}@${hello.address}${hello.printerId ? `/${hello.printerId}` : ''}`;
    let screen = this.#screens.get(key);
    if (!screen) {
      if (this.#screens.size >= MAX_SCREENS) return;
      screen = {
        kind: hello.kind,
        counter,
        printerId: hello.kind === 'kiosk' ? hello.printerId : null,
        address: hello.address,
        connected: true,
        since: now,
        sockets: new Set(),
      };
      this.#screens.set(key, screen);
    }
    if (!screen.connected) screen.since = now;
    screen.connected = true;
    screen.address = hello.address;
    screen.sockets.add(hello.socketId);
    this.#keyOf.set(hello.socketId, key);
  }

  #detach(socketId: string, now: number): void {
    const key = this.#keyOf.get(socketId);
    if (key === undefined) return;
    this.#keyOf.delete(socketId);
    const screen = this.#screens.get(key);
    if (!screen) return;
    screen.sockets.delete(socketId);
    if (screen.sockets.size > 0) return;
    // A counter page seen only before it said its counter is not a screen of its own.
    if (screen.counter === null && AT_COUNTER.has(screen.kind)) {
      this.#screens.delete(key);
      return;
    }
    screen.connected = false;
    screen.since = now;
  }
}
