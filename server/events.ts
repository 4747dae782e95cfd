import type { IntakeSummary } from '../contract/intake.js';
import type { IncidentSummary, NoticeView } from '../contract/logbook.js';
import type { RatingView } from '../contract/ratings.js';
import type {
  CallView,
  CounterView,
  FailoverState,
  FailoverStatus,
  IssuedTicket,
  JobView,
  PrinterView,
  TicketView,
} from '../contract/screen.js';
import type { Actor } from './auth/actor.js';

/** Exact waiting counts of the service lines a change touched, by service id. */
export type WaitingCounts = Record<number, number>;

/** What a committed queue change touched besides its own ticket. */
interface QueueChange {
  /** Other tickets the change touched: the ticket a call finished, the copy a transfer made. */
  related: TicketView[];
  waiting: WaitingCounts;
  actor: Actor | null;
}

/**
 * Every domain event and its payload. Events are emitted after the transaction that made
 * them has committed, so a listener never sees what a crash could take back.
 */
export interface DomainEvents {
  'ticket.issued': { ticket: IssuedTicket; waiting: WaitingCounts; fallback: boolean; drill: boolean };
  'ticket.called': QueueChange & {
    ticket: TicketView;
    counter: CounterView;
    call: CallView;
    recall: boolean;
  };
  'ticket.updated': QueueChange & { ticket: TicketView; counter: CounterView };
  'counter.updated': QueueChange & { counter: CounterView };
  /** A clerk took over a counter another account held: that clerk's pages are told. */
  'counter.taken': { counter: CounterView; fromAccountId: number; byName: string | null };
  /** Whatever the screens show of failover changed: once per change. */
  'failover.changed': { status: FailoverStatus };
  /** The controller moved between states, with the cause; drills are marked. */
  'failover.transition': {
    from: FailoverState;
    to: FailoverState;
    at: number;
    cause: string;
    drill: boolean;
  };
  'drill.started': { id: number; at: number; by: string | null };
  'drill.ended': { id: number; at: number; by: string | null };
  'printer.changed': { printer: PrinterView; previous: PrinterView };
  'print.job': { job: JobView };
  /** Too many wrong secrets: locked for one source address, or the whole account. */
  'auth.locked': {
    accountId: number;
    username: string;
    scope: 'source' | 'account';
    ip: string | null;
    until: number | null;
  };
  /** A session ended; `tokenHash` null means every session of the account. */
  'auth.session_ended': {
    accountId: number;
    tokenHash: string | null;
    reason: 'logout' | 'expired' | 'locked' | 'disabled' | 'secret_changed';
  };
  /** An incident was opened or got an entry (handled, escalated, resolved…). */
  'incident.changed': { incident: IncidentSummary };
  /** A paper intake record was made or moved on: the worklist's counts, never a record. */
  'intake.changed': { summary: IntakeSummary };
  /** A technician changed the services or counters: every screen redraws from a new snapshot. */
  'setup.changed': { what: 'services' | 'counters' | 'center' | 'printers' | 'qms' | 'network' };
  /** The notices on the screens changed: the active ones now. */
  'notice.changed': { active: NoticeView[] };
  /** A citizen rated the ticket a counter had just finished (the satisfaction tablet). */
  'rating.recorded': { rating: RatingView };
  /** A role of the center's network (the gateway, the Internet) went down or came back. */
  'network.changed': { role: 'gateway' | 'internet'; ok: boolean; at: number; detail: string | null };
  /** The UPS's state changed (Network UPS Tools): on mains, on battery, battery low, unknown. */
  'power.changed': { status: PowerStatus; previous: PowerStatus; at: number };
  /** The process started serving; `cleanStop` tells whether the previous run stopped cleanly. */
  'process.started': { at: number; cleanStop: boolean; lastHeartbeatAt: number | null };
}

export type PowerStatus = 'online' | 'on_battery' | 'low_battery' | 'unknown';

export type DomainEvent = keyof DomainEvents;
export type DomainListener<K extends DomainEvent> = (payload: DomainEvents[K]) => void | Promise<void>;

interface Entry {
  event: DomainEvent;
  owner: string;
  listener: (payload: never) => void | Promise<void>;
}

export interface DomainBusOptions {
  /** A listener threw or rejected: logged, and nothing else is affected. */
  onListenerError: (err: unknown, event: DomainEvent, owner: string) => void;
  /** True while a transaction is open: emitting then is a bug (a rollback would unsay it). */
  inTransaction?: () => boolean;
}

/**
 * The one way modules tell each other what happened. Listeners are registered per owner and
 * removed by owner when it stops; each is isolated, so a throwing listener is logged and
 * neither the emitter nor the other listeners (nor an HTTP answer) notice.
 */
export class DomainBus {
  readonly #listeners = new Map<DomainEvent, Entry[]>();
  readonly #options: DomainBusOptions;

  constructor(options: DomainBusOptions) {
    this.#options = options;
  }

  on<K extends DomainEvent>(owner: string, event: K, listener: DomainListener<K>): void {
    const entries = this.#listeners.get(event) ?? [];
    entries.push({ event, owner, listener: listener as Entry['listener'] });
    this.#listeners.set(event, entries);
  }

  /** Removes every listener `owner` registered. */
  off(owner: string): void {
    for (const [event, entries] of this.#listeners) {
      this.#listeners.set(
        event,
        entries.filter((e) => e.owner !== owner),
      );
    }
  }

  emit<K extends DomainEvent>(event: K, payload: DomainEvents[K]): void {
    if (this.#options.inTransaction?.()) {
      throw new Error(`domain event "${event}" emitted inside a transaction`);
    }
    // A copy: a listener that registers or removes others does not change this round.
    for (const entry of [...(this.#listeners.get(event) ?? [])]) {
      try {
        const done = (entry.listener as DomainListener<K>)(payload);
        if (done instanceof Promise) {
          done.catch((err: unknown) => this.#options.onListenerError(err, event, entry.owner));
        }
      } catch (err) {
        this.#options.onListenerError(err, event, entry.owner);
      }
    }
  }
}
