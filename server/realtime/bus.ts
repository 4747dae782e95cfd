/**
 * Versioned events. Every change the screens must see goes through `publish`, which stamps
 * it with the next `version`; a client that sees a gap asks for a new snapshot. Versions
 * start from the process start time, so they keep rising across restarts.
 */
export type EventName =
  | 'ticket.issued'
  | 'ticket.called'
  | 'ticket.updated'
  | 'counter.updated'
  | 'failover.changed'
  | 'notice';

export type Listener = (name: EventName, message: Record<string, unknown> & { version: number }) => void;

export class RealtimeBus {
  #version: number;
  readonly #listeners = new Set<Listener>();

  constructor(startVersion: number) {
    this.#version = startVersion;
  }

  get version(): number {
    return this.#version;
  }

  publish(name: EventName, payload: Record<string, unknown>): number {
    const version = ++this.#version;
    const message = { ...payload, version };
    for (const listener of this.#listeners) listener(name, message);
    return version;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
