import type { Clock } from '../clock.js';
import { businessDay, type DayRule } from '../day.js';
import type { Db } from '../db/open.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { type FailoverSource, issues } from '../failover/status.js';
import type { EventName, RealtimeBus } from '../realtime/bus.js';
import { formatNumber, matchesPrefix, normalizeNumber } from './numbering.js';
import { type QueueStore, queueStore } from './store.js';
import { illegalMessage, nextStatus, type TicketAction } from './ticket-state.js';
import type { Actor, CounterRow, CounterView, Snapshot, TicketRow, TicketView } from './types.js';
import { callView, counterView, serviceView, ticketView } from './views.js';

export interface IssueRequest {
  serviceId: number;
  priority?: boolean;
  idempotencyKey?: string;
  client?: string;
}

export interface IssuedTicket extends TicketView {
  waitingBefore: number;
}

/** What else a new ticket needs, written in its transaction (its print job). */
export type IssueHook = (ticket: IssuedTicket, context: { serviceName: string; fallback: boolean }) => void;

export type AuditFn = (actor: Actor, action: string, detail: Record<string, unknown>) => void;

export interface QueueDeps {
  db: Db;
  clock: Clock;
  day: DayRule;
  bus: RealtimeBus;
  failover: FailoverSource;
  audit: AuditFn;
}

/**
 * What one transaction changed: the single event the screens get for it, and any other
 * tickets it touched (the ticket a call finished, the copy a transfer made), sent along as
 * `related` so one change is one event and one version.
 */
interface Change {
  event: (() => [EventName, Record<string, unknown>]) | null;
  related: TicketRow[];
}

const RECENT_CALLS = 10;
/** Per service; the counts are exact, the list only needs what a screen can show. */
const WAITING_SHOWN = 50;

/**
 * The queue: numbering, the ticket state machine and the counters. Every change runs in one
 * SQLite transaction and is published to the screens only after it commits, so a screen never
 * shows what a crash could take back.
 */
export class Queue {
  readonly #db: Db;
  readonly #store: QueueStore;
  readonly #deps: QueueDeps;
  #snapshot: { key: string; value: Snapshot } | null = null;

  constructor(deps: QueueDeps) {
    this.#deps = deps;
    this.#db = deps.db;
    this.#store = queueStore(deps.db);
  }

  today(): string {
    return businessDay(this.#deps.clock.now(), this.#deps.day);
  }

  /** Runs `work` in a transaction, then publishes its one event. */
  #commit<T>(work: (change: Change) => T): T {
    const change: Change = { event: null, related: [] };
    const result = this.#db.transaction(() => work(change))();
    if (change.event) {
      const [name, payload] = change.event();
      const own = payload.ticket as TicketView | undefined;
      const related = change.related
        .filter((t) => t.id !== own?.id)
        .map((t) => ticketView(this.#store.ticket(t.id) as TicketRow));
      // Exact waiting counts of the services this change touched, so a screen's counts never
      // drift from the server's even though it only holds the head of each line.
      const waiting: Record<number, number> = {};
      const today = this.today();
      for (const t of own ? [own, ...related] : related)
        waiting[t.serviceId] = this.#store.waitingCount(today, t.serviceId);
      this.#deps.bus.publish(name, {
        ...payload,
        ...(related.length > 0 ? { related } : {}),
        ...(own || related.length > 0 ? { waiting } : {}),
      });
    }
    return result;
  }

  /** Issues a ticket; `withTicket` runs in the same transaction, for a new ticket only. */
  issue(req: IssueRequest, withTicket?: IssueHook): IssuedTicket {
    return this.#commit((change) => {
      if (req.idempotencyKey) {
        const existing = this.#store.byKey(req.idempotencyKey);
        if (existing) return { ...ticketView(existing), waitingBefore: this.#store.waitingAhead(existing) };
      }
      const failover = this.#deps.failover.status();
      if (!issues(failover.state)) {
        throw conflict(
          'standby',
          'Hệ thống lấy số chính (QMS) đang hoạt động; vui lòng lấy số tại máy chính.',
        );
      }
      const service = this.#store.service(req.serviceId);
      if (!service?.active) throw notFound(`lĩnh vực ${req.serviceId}`);
      const now = this.#deps.clock.now();
      const day = businessDay(now, this.#deps.day);
      const waitingBefore = this.#store.waitingBeforeNew(day, service.id, req.priority === true);
      const sequence = this.#store.nextSequence(service.id, day, service.first_number);
      const ticket = this.#store.insertTicket({
        day,
        serviceId: service.id,
        number: formatNumber(service.prefix, sequence, service.width),
        origin: 'kiosk',
        priority: req.priority === true,
        status: 'waiting',
        at: now,
        queueAt: now,
        counterId: null,
        targetCounterId: null,
        transferredFrom: null,
        idempotencyKey: req.idempotencyKey ?? null,
        client: req.client ?? null,
      });
      this.#event(ticket, 'issued', null, null, failover.drill ? 'drill' : null);
      const issued = { ...ticketView(ticket), waitingBefore };
      withTicket?.(issued, { serviceName: service.name, fallback: failover.state !== 'standalone' });
      change.event = () => ['ticket.issued', { ticket: issued }];
      return issued;
    });
  }

  /** Finishes the counter's current ticket, if any, and calls the next one in line. */
  next(counterId: number, actor: Actor): TicketView | null {
    return this.#commit((change) => {
      const counter = this.#openCounter(counterId, actor, change);
      this.#finishCurrent(counter, actor, change, 'next');
      const candidate = this.#store.nextFor(this.today(), counter.id);
      if (!candidate) {
        change.event = () => this.#counterEvent(counter.id);
        return null;
      }
      return this.#call(candidate, counter, actor, change, 'called');
    });
  }

  recall(counterId: number, actor: Actor): TicketView {
    return this.#commit((change) => {
      const { counter, ticket } = this.#currentOf(counterId, 'recall');
      const at = this.#deps.clock.now();
      this.#event(ticket, 'recalled', counter.id, actor.accountId, null, ticket.status);
      change.event = () => this.#callEvent(ticket, counter, at, true);
      return ticketView(ticket);
    });
  }

  start(counterId: number, actor: Actor): TicketView {
    return this.#step(counterId, actor, 'start', 'started');
  }

  noShow(counterId: number, actor: Actor): TicketView {
    return this.#step(counterId, actor, 'no_show', 'no_show');
  }

  done(counterId: number, actor: Actor): TicketView {
    return this.#step(counterId, actor, 'finish', 'done');
  }

  /** Hands the counter's ticket to another service or counter; it keeps its number and place. */
  transfer(counterId: number, target: { serviceId?: number; counterId?: number }, actor: Actor): TicketView {
    return this.#commit((change) => {
      const { counter, ticket } = this.#currentOf(counterId, 'transfer');
      if ((target.serviceId === undefined) === (target.counterId === undefined)) {
        throw badRequest('invalid_request', 'Hãy chọn một lĩnh vực hoặc một quầy để chuyển đến.');
      }
      let serviceId = ticket.service_id;
      if (target.serviceId !== undefined) {
        if (!this.#store.service(target.serviceId)?.active) throw notFound(`lĩnh vực ${target.serviceId}`);
        if (target.serviceId === ticket.service_id) {
          throw badRequest('same_target', 'Số này đã thuộc lĩnh vực đó; hãy chọn lĩnh vực hoặc quầy khác.');
        }
        serviceId = target.serviceId;
      }
      if (target.counterId !== undefined) {
        if (!this.#store.counter(target.counterId)) throw notFound(`quầy ${target.counterId}`);
        if (target.counterId === counter.id)
          throw badRequest('same_target', 'Không thể chuyển về chính quầy này.');
      }
      const now = this.#deps.clock.now();
      const moved = this.#store.setStatus(ticket.id, 'transferred', { finishedAt: now });
      const copy = this.#store.insertTicket({
        day: ticket.day,
        serviceId,
        number: ticket.number,
        origin: 'transfer',
        priority: ticket.priority === 1,
        status: 'waiting',
        at: now,
        queueAt: ticket.queue_at,
        counterId: null,
        targetCounterId: target.counterId ?? null,
        transferredFrom: ticket.id,
        idempotencyKey: null,
        client: null,
      });
      const detail = JSON.stringify({ toTicket: copy.id, ...target });
      this.#event(moved, 'transferred', counter.id, actor.accountId, detail, ticket.status);
      this.#event(
        copy,
        'transfer_in',
        counter.id,
        actor.accountId,
        JSON.stringify({ fromTicket: ticket.id }),
      );
      this.#deps.audit(actor, 'ticket.transfer', {
        ticket: ticket.number,
        fromCounter: counter.number,
        ...target,
      });
      change.related.push(copy);
      change.event = () => [
        'ticket.updated',
        { ticket: ticketView(moved), counter: this.#counterView(counter.id) },
      ];
      return ticketView(copy);
    });
  }

  /**
   * Calls a number typed by the clerk: a ticket of ours that was skipped or came back after a
   * no-show, or a number from an old QMS ticket the citizen still holds.
   */
  callNumber(counterId: number, typed: string, actor: Actor, serviceId?: number): TicketView {
    return this.#commit((change) => {
      const number = normalizeNumber(typed);
      if (!/^[A-Z0-9]{1,12}$/.test(number)) {
        throw badRequest('invalid_number', 'Số thứ tự chỉ gồm chữ cái và chữ số, tối đa 12 ký tự.');
      }
      const day = this.today();
      const found = this.#store.byNumber(day, number);
      if (found && found.status !== 'waiting' && found.status !== 'no_show') {
        const where = found.counter_id ? this.#store.counter(found.counter_id) : undefined;
        throw conflict(
          'illegal_transition',
          found.status === 'called' || found.status === 'serving'
            ? `Số ${number} đang được phục vụ tại quầy ${where?.number ?? '?'}.`
            : `Số ${number} đã ${found.status === 'done' ? 'được phục vụ xong' : 'được chuyển đi'} hôm nay.`,
        );
      }
      const prefixes = this.#store.services().map((s) => s.prefix);
      if (!found && matchesPrefix(number, prefixes)) {
        throw notFound(`số ${number} trong hàng chờ hôm nay`);
      }
      const counter = this.#openCounter(counterId, actor, change);
      this.#finishCurrent(counter, actor, change, 'call');
      this.#deps.audit(actor, 'ticket.call_number', { number, counter: counter.number });
      if (found) {
        let ticket = found;
        if (ticket.status === 'no_show') {
          ticket = this.#store.setStatus(ticket.id, 'waiting');
          this.#event(ticket, 'returned', counter.id, actor.accountId, null, 'no_show');
        }
        return this.#call(ticket, counter, actor, change, 'called');
      }
      const service = serviceId ?? this.#store.serviceIdsOf(counter.id)[0] ?? this.#store.services()[0]?.id;
      if (service === undefined || !this.#store.service(service))
        throw notFound(`lĩnh vực ${serviceId ?? ''}`);
      const now = this.#deps.clock.now();
      const ticket = this.#store.insertTicket({
        day,
        serviceId: service,
        number,
        origin: 'manual',
        priority: false,
        status: 'called',
        at: now,
        queueAt: now,
        counterId: counter.id,
        targetCounterId: null,
        transferredFrom: null,
        idempotencyKey: null,
        client: null,
      });
      this.#event(ticket, 'manual_call', counter.id, actor.accountId, 'QMS');
      change.event = () => this.#callEvent(ticket, counter, now, false);
      return ticketView(ticket);
    });
  }

  pause(counterId: number, reason: string, actor: Actor): CounterView {
    return this.#commit((change) => {
      const counter = this.#counter(counterId);
      if (counter.status === 'paused')
        throw conflict('already_paused', `Quầy ${counter.number} đang tạm dừng.`);
      this.#setCounter(counter, 'paused', reason, actor, 'pause');
      change.event = () => this.#counterEvent(counter.id);
      return this.#counterView(counter.id);
    });
  }

  resume(counterId: number, actor: Actor, reason: string | null = null): CounterView {
    return this.#commit((change) => {
      const counter = this.#counter(counterId);
      if (counter.status !== 'paused') throw conflict('not_paused', `Quầy ${counter.number} không tạm dừng.`);
      this.#setCounter(counter, 'open', reason, actor, 'resume');
      change.event = () => this.#counterEvent(counter.id);
      return this.#counterView(counter.id);
    });
  }

  services() {
    const waiting = this.#store.waitingCounts(this.today());
    return this.#store.services().map((s) => serviceView(s, waiting.get(s.id) ?? 0));
  }

  counters(): CounterView[] {
    const serviceIds = new Map<number, number[]>();
    for (const r of this.#store.counterServices()) {
      serviceIds.set(r.counter_id, [...(serviceIds.get(r.counter_id) ?? []), r.service_id]);
    }
    const current = new Map(this.#store.currents().map((t) => [t.counter_id as number, t]));
    return this.#store.counters().map((c) => counterView(c, serviceIds.get(c.id) ?? [], current.get(c.id)));
  }

  /** Tickets still waiting today, in every service: what draining waits for. */
  waitingTotal(): number {
    return this.#store.waitingTotal(this.today());
  }

  tickets(day: string, status?: string): TicketView[] {
    return this.#store
      .dayTickets(day)
      .filter((t) => status === undefined || t.status === status)
      .map(ticketView);
  }

  /**
   * What a screen needs to draw itself from nothing; events then keep it current. Every change
   * bumps the bus version, so one snapshot per version serves a hundred displays reconnecting.
   */
  snapshot(): Snapshot {
    const day = this.today();
    const key = `${this.#deps.bus.version} ${day}`;
    if (this.#snapshot?.key !== key) this.#snapshot = { key, value: this.#buildSnapshot(day) };
    return this.#snapshot.value;
  }

  #buildSnapshot(day: string): Snapshot {
    const counters = this.#store.counters();
    const byId = new Map(counters.map((c) => [c.id, c]));
    const failover = this.#deps.failover.status();
    return {
      version: this.#deps.bus.version,
      mode: failover.mode,
      failover,
      day,
      services: this.services(),
      counters: this.counters(),
      waiting: this.#store.waitingHead(day, WAITING_SHOWN).map(ticketView),
      recentCalls: this.#store
        .recentCalls(day, RECENT_CALLS)
        .map((c) =>
          callView({ id: c.ticket_id, number: c.number }, byId.get(c.counter_id) as CounterRow, c.at),
        ),
    };
  }

  #counter(counterId: number): CounterRow {
    const counter = this.#store.counter(counterId);
    if (!counter) throw notFound(`quầy ${counterId}`);
    return counter;
  }

  /** A counter that calls is open and belongs to whoever called; a paused one calls nobody. */
  #openCounter(counterId: number, actor: Actor, change: Change): CounterRow {
    const counter = this.#counter(counterId);
    if (counter.status === 'paused') {
      throw conflict(
        'counter_paused',
        `Quầy ${counter.number} đang tạm dừng; hãy tiếp tục trước khi gọi số.`,
      );
    }
    if (counter.status === 'closed' || counter.account_id !== actor.accountId) {
      this.#setCounter(counter, 'open', null, actor, 'open');
      change.event = () => this.#counterEvent(counter.id);
    }
    return counter;
  }

  #setCounter(
    counter: CounterRow,
    status: CounterRow['status'],
    reason: string | null,
    actor: Actor,
    kind: 'open' | 'pause' | 'resume',
  ): void {
    const pauseReason = status === 'paused' ? reason : null;
    this.#store.setCounter({ id: counter.id, status, pauseReason, account_id: actor.accountId });
    this.#store.insertCounterEvent({
      counterId: counter.id,
      at: this.#deps.clock.now(),
      kind,
      reason,
      accountId: actor.accountId,
    });
    if (kind !== 'open') this.#deps.audit(actor, `counter.${kind}`, { counter: counter.number, reason });
  }

  #currentOf(counterId: number, action: TicketAction): { counter: CounterRow; ticket: TicketRow } {
    const counter = this.#counter(counterId);
    const ticket = this.#store.current(counter.id);
    if (!ticket) throw conflict('no_current_ticket', `Quầy ${counter.number} chưa gọi số nào.`);
    if (nextStatus(ticket.status, action) === null) {
      throw conflict('illegal_transition', illegalMessage(ticket.number, ticket.status, action));
    }
    return { counter, ticket };
  }

  #step(counterId: number, actor: Actor, action: 'start' | 'finish' | 'no_show', kind: string): TicketView {
    return this.#commit((change) => {
      const { counter, ticket } = this.#currentOf(counterId, action);
      const to = nextStatus(ticket.status, action) as TicketRow['status'];
      const now = this.#deps.clock.now();
      const changed = this.#store.setStatus(ticket.id, to, action === 'start' ? {} : { finishedAt: now });
      this.#event(changed, kind, counter.id, actor.accountId, null, ticket.status);
      change.event = () => [
        'ticket.updated',
        { ticket: ticketView(changed), counter: this.#counterView(counter.id) },
      ];
      return ticketView(changed);
    });
  }

  #finishCurrent(counter: CounterRow, actor: Actor, change: Change, why: string): void {
    const current = this.#store.current(counter.id);
    if (!current) return;
    const done = this.#store.setStatus(current.id, 'done', { finishedAt: this.#deps.clock.now() });
    this.#event(done, 'done', counter.id, actor.accountId, why, current.status);
    change.related.push(done);
  }

  #call(ticket: TicketRow, counter: CounterRow, actor: Actor, change: Change, kind: string): TicketView {
    if (nextStatus(ticket.status, 'call') === null) {
      throw new AppError(409, 'illegal_transition', illegalMessage(ticket.number, ticket.status, 'call'));
    }
    const now = this.#deps.clock.now();
    const called = this.#store.setStatus(ticket.id, 'called', { counterId: counter.id, calledAt: now });
    this.#event(called, kind, counter.id, actor.accountId, null, ticket.status);
    change.event = () => this.#callEvent(called, counter, now, false);
    return ticketView(called);
  }

  #event(
    ticket: TicketRow,
    kind: string,
    counterId: number | null,
    accountId: number | null,
    detail: string | null = null,
    from: TicketRow['status'] | null = null,
  ): void {
    this.#store.insertEvent({
      ticketId: ticket.id,
      at: this.#deps.clock.now(),
      kind,
      from,
      to: ticket.status,
      counterId,
      accountId,
      detail,
    });
  }

  #counterView(counterId: number): CounterView {
    const c = this.#counter(counterId);
    return counterView(c, this.#store.serviceIdsOf(c.id), this.#store.current(c.id));
  }

  #counterEvent(counterId: number): [EventName, Record<string, unknown>] {
    return ['counter.updated', { counter: this.#counterView(counterId) }];
  }

  #callEvent(
    ticket: TicketRow,
    counter: CounterRow,
    at: number,
    recall: boolean,
  ): [EventName, Record<string, unknown>] {
    const call = callView(ticket, counter, at);
    return [
      'ticket.called',
      {
        ticket: ticketView(this.#store.ticket(ticket.id) as TicketRow),
        counter: this.#counterView(counter.id),
        announcement: call.announcement,
        call,
        recall,
      },
    ];
  }
}
