import type { CounterView, IssuedTicket, PublicTicket, TicketView } from '../../contract/screen.js';
import type { ServiceSetupView } from '../../contract/setup.js';
import { slug } from '../../contract/text.js';
import { afterAnswer } from '../after-answer.js';
import { type Actor, SYSTEM } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { businessDay, DAY_MS, type DayRule } from '../day.js';
import { atomically, type Db } from '../db/open.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import type { DomainBus, DomainEvents, WaitingCounts } from '../events.js';
import { waitEstimate } from './estimate.js';
import { holding } from './holding.js';
import { formatNumber, isTicketNumber, matchesPrefix, normalizeNumber } from './numbering.js';
import { PublicTokens, publicTokenKey } from './public-token.js';
import { type QueueStore, queueStore } from './store.js';
import { illegalMessage, nextStatus, type TicketAction } from './ticket-state.js';
import type { CounterRow, QueueScreen, ServiceRow, TicketRow } from './types.js';
import { callView, counterView, serviceView, ticketView } from './views.js';

export interface IssueRequest {
  serviceId: number;
  priority?: boolean;
  idempotencyKey?: string;
  client?: string;
  /** Issued while the appliance stands in for QMS (not in standalone, not a drill); false by default. */
  fallback?: boolean;
  /** Issued during a failover drill; false by default. */
  drill?: boolean;
}

/** What else a new ticket needs, written in its transaction (its print job). */
export type IssueHook = (
  ticket: IssuedTicket,
  context: { serviceName: string; fallback: boolean; counters: number[]; publicToken: string },
) => void;

/** What the kiosk is answered: the ticket and the token of its live page. */
export type IssuedWithToken = IssuedTicket & { publicToken: string };

export type AuditFn = (actor: Actor, action: string, detail: Record<string, unknown>) => void;

/**
 * Whether the kiosk gives numbers now: within a session since `since` (what a service's cap
 * counts from), or closed, with the words the kiosk shows.
 */
export type Admission = { open: true; since: number } | { open: false; message: string };

export interface QueueDeps {
  db: Db;
  clock: Clock;
  day: DayRule;
  bus: DomainBus;
  audit: AuditFn;
  /** Working hours; without it the kiosk is always open. */
  admission?: (now: number) => Admission;
}

/** A service as the technician's page edits it. */
export interface ServiceSetup {
  name: string;
  nameEn: string;
  prefix: string;
  position?: number;
  active?: boolean;
  capPerSession?: number | null;
}

/** A counter as the technician's page edits it. */
export interface CounterSetup {
  number: number;
  name: string;
  serviceIds: number[];
  priorityFirst?: boolean;
}

type QueueEvent = 'ticket.issued' | 'ticket.called' | 'ticket.updated' | 'counter.updated';
/** A queue event's payload before the counts and related tickets are filled in at publish. */
type Draft = { [K in QueueEvent]: [K, Omit<DomainEvents[K], 'waiting' | 'related' | 'actor'>] }[QueueEvent];

/**
 * What one transaction changed: the single event it makes, and any other tickets it touched
 * (the ticket a call finished, the copy a transfer made), sent along as `related` so one
 * change is one event and one version on the screens.
 */
interface Change {
  event: (() => Draft) | null;
  related: TicketRow[];
  actor: Actor | null;
  /** The counter was taken over from this account, whose page must be told. */
  takenFrom?: number;
}

/** Options of every counter action. */
export interface DeskOptions {
  /** Take the counter over from the clerk who holds it (audited). */
  takeover?: boolean;
}

const OWNER = 'queue';

interface PendingIssue {
  request: IssueRequest;
  hook: IssueHook | undefined;
  resolve: (ticket: IssuedWithToken) => void;
  reject: (err: unknown) => void;
}

const RECENT_CALLS = 10;
/** Per service; the counts are exact, the list only needs what a screen can show. */
const WAITING_SHOWN = 50;

/**
 * The queue: numbering, the ticket state machine and the counters. Every change runs in one
 * SQLite transaction and is published as a domain event only after it commits, so no screen
 * or module ever sees what a crash could take back.
 */
export class Queue {
  readonly #db: Db;
  readonly #store: QueueStore;
  readonly #tokens: PublicTokens;
  readonly #deps: QueueDeps;
  /** Bumped by every committed change: the screen view is rebuilt only when it moved. */
  #revision = 0;
  #screen: { key: string; value: QueueScreen } | null = null;
  #pending: PendingIssue[] = [];
  /** The `ticket.issued` of tickets committed and answered, still to be told. */
  #unannounced: (() => void)[] = [];
  /** The business day whose earlier days' current tickets have been closed. */
  #cleanDay: string | null = null;
  /** Each service with the numbers of the counters serving it, until the next setup change. */
  #lines: Map<number, { service: ServiceRow; counters: number[] }> | null = null;

  constructor(deps: QueueDeps) {
    this.#deps = deps;
    this.#db = deps.db;
    this.#store = queueStore(deps.db);
    this.#tokens = new PublicTokens(publicTokenKey(deps.db));
  }

  today(): string {
    return businessDay(this.#deps.clock.now(), this.#deps.day);
  }

  /** Counters held by a session are released when that session ends (logout, expiry, lock…). */
  subscribe(): void {
    this.#deps.bus.on(OWNER, 'auth.session_ended', ({ accountId, tokenHash, reason }) =>
      this.release(accountId, tokenHash, reason),
    );
  }

  unsubscribe(): void {
    this.#deps.bus.off(OWNER);
  }

  /** Runs `work` inside the current transaction (a savepoint when nested) and returns its change. */
  #unit<T>(actor: Actor | null, work: (change: Change) => T): { result: T; change: Change } {
    const change: Change = { event: null, related: [], actor };
    const result = atomically(this.#db, () => work(change));
    return { result, change };
  }

  /** Runs `work` in a transaction, then publishes its one event. */
  #commit<T>(actor: Actor | null, work: (change: Change) => T): T {
    const { result, change } = this.#unit(actor, work);
    this.#publish(change);
    return result;
  }

  #publish(change: Change): void {
    // Whatever changes next is told after the tickets issued before it, never ahead of them.
    if (this.#unannounced.length > 0) this.#announceIssued();
    this.#prepare(change)();
  }

  /**
   * Builds a committed change's events now, while the rows are as it left them; what it
   * returns tells them, and reads nothing more.
   */
  #prepare(change: Change): () => void {
    this.#revision++;
    if (!change.event) return () => {};
    const [name, draft] = change.event();
    const own = 'ticket' in draft ? draft.ticket : undefined;
    const related = change.related
      .filter((t) => t.id !== own?.id)
      .map((t) => ticketView(this.#store.ticket(t.id) as TicketRow));
    // Exact waiting counts of the services this change touched, so a screen's counts never
    // drift from the server's even though it only holds the head of each line.
    const waiting: WaitingCounts = {};
    const today = this.today();
    for (const t of own ? [own, ...related] : related)
      waiting[t.serviceId] = this.#store.waitingCount(today, t.serviceId);
    const { bus } = this.#deps;
    return () => {
      if (name === 'ticket.issued') bus.emit(name, { ...draft, waiting });
      else bus.emit(name, { ...draft, related, waiting, actor: change.actor } as never);
      if (change.takenFrom !== undefined && 'counter' in draft) {
        bus.emit('counter.taken', {
          counter: draft.counter,
          fromAccountId: change.takenFrom,
          byName: change.actor?.displayName ?? null,
        });
      }
    };
  }

  /**
   * Issues a ticket; `withTicket` runs in the same transaction, for a new ticket only. The
   * tickets asked for in the same turn of the event loop commit together, in one transaction
   * and one fsync (each in its own savepoint, so one refusal spoils no other), and each is
   * answered only after that commit.
   */
  issue(req: IssueRequest, withTicket?: IssueHook): Promise<IssuedWithToken> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ request: req, hook: withTicket, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#issueBatch());
    });
  }

  #issueBatch(): void {
    const batch = this.#pending;
    this.#pending = [];
    const outcomes: ({ ok: true; ticket: IssuedWithToken; change: Change } | { ok: false; err: unknown })[] =
      [];
    try {
      atomically(this.#db, () => {
        for (const { request, hook } of batch) {
          try {
            const { result, change } = this.#unit(null, (c) => this.#issueOne(request, hook, c));
            outcomes.push({ ok: true, ticket: result, change });
          } catch (err) {
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      // The commit itself failed (disk full, I/O error): nothing of the batch was kept.
      for (const { reject } of batch) reject(err);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const { resolve, reject } = batch[i] as PendingIssue;
      if (outcome.ok) {
        this.#unannounced.push(this.#prepare(outcome.change));
        resolve(outcome.ticket);
      } else reject(outcome.err);
    });
    // Told behind the kiosks' answers, which go out first: a citizen waits on the answer, a
    // hall screen does not notice the millisecond.
    afterAnswer(() => this.#announceIssued());
  }

  #announceIssued(): void {
    const tell = this.#unannounced;
    this.#unannounced = [];
    for (const told of tell) told();
  }

  #issueOne(req: IssueRequest, withTicket: IssueHook | undefined, change: Change): IssuedWithToken {
    if (req.idempotencyKey) {
      const existing = this.#store.byKey(req.idempotencyKey);
      if (existing)
        return {
          ...ticketView(existing),
          waitingBefore: this.#store.waitingAhead(existing),
          publicToken: this.#tokens.of(existing.id),
        };
    }
    const line = this.#line(req.serviceId);
    if (!line?.service.active) throw notFound(`lĩnh vực ${req.serviceId}`);
    const { service } = line;
    const now = this.#deps.clock.now();
    const day = businessDay(now, this.#deps.day);
    // Without working hours a cap counts the whole business day.
    const admission = this.#deps.admission?.(now) ?? { open: true, since: 0 };
    if (!admission.open) throw conflict('closed', admission.message);
    // Counted inside the insert's transaction: two kiosks tapping the last number get one each.
    if (
      service.cap_per_session !== null &&
      this.#store.issuedSince(day, service.id, admission.since) >= service.cap_per_session
    )
      throw conflict(
        'sold_out',
        `Lĩnh vực ${service.name} đã hết số của buổi này. Mời quý khách quay lại buổi sau.`,
      );
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
      fallback: req.fallback === true,
    });
    this.#event(ticket, 'issued', null, null, req.drill ? 'drill' : null);
    const issued = { ...ticketView(ticket), waitingBefore };
    const publicToken = this.#tokens.of(ticket.id);
    const fallback = req.fallback === true;
    // A drill's ticket prints as the fallback ticket it rehearses.
    withTicket?.(issued, {
      serviceName: service.name,
      fallback: fallback || req.drill === true,
      counters: line.counters,
      publicToken,
    });
    change.event = () => ['ticket.issued', { ticket: issued, fallback, drill: req.drill === true }];
    return { ...issued, publicToken };
  }

  /** Finishes the counter's current ticket, if any, and calls the next one in line. */
  next(counterId: number, actor: Actor, options: DeskOptions = {}): TicketView | null {
    this.#endEarlierDays();
    return this.#commit(actor, (change) => {
      const counter = this.#callingCounter(counterId, actor, change, options);
      this.#finishCurrent(counter, actor, change, 'next');
      const candidate = this.#store.nextFor(this.today(), counter);
      if (!candidate) {
        change.event = () => this.#counterEvent(counter.id);
        return null;
      }
      return this.#call(candidate, counter, actor, change, 'called');
    });
  }

  recall(counterId: number, actor: Actor, options: DeskOptions = {}): TicketView {
    return this.#commit(actor, (change) => {
      const { counter, ticket } = this.#currentOf(this.#holdFor(counterId, actor, change, options), 'recall');
      const at = this.#deps.clock.now();
      this.#event(ticket, 'recalled', counter.id, actor.accountId, null, ticket.status);
      change.event = () => this.#callEvent(ticket, counter, at, true);
      return ticketView(ticket);
    });
  }

  start(counterId: number, actor: Actor, options: DeskOptions = {}): TicketView {
    return this.#step(counterId, actor, options, 'start', 'started');
  }

  noShow(counterId: number, actor: Actor, options: DeskOptions = {}): TicketView {
    return this.#step(counterId, actor, options, 'no_show', 'no_show');
  }

  done(counterId: number, actor: Actor, options: DeskOptions = {}): TicketView {
    return this.#step(counterId, actor, options, 'finish', 'done');
  }

  /** Hands the counter's ticket to another service or counter; it keeps its number and place. */
  transfer(
    counterId: number,
    target: { serviceId?: number; counterId?: number },
    actor: Actor,
    options: DeskOptions = {},
  ): TicketView {
    return this.#commit(actor, (change) => {
      const { counter, ticket } = this.#currentOf(
        this.#holdFor(counterId, actor, change, options),
        'transfer',
      );
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
      // Into today's line: a ticket moved after midnight would never be called on its old day.
      const copy = this.#store.insertTicket({
        day: this.today(),
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
        fallback: ticket.fallback === 1,
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
  callNumber(
    counterId: number,
    typed: string,
    actor: Actor,
    serviceId?: number,
    options: DeskOptions = {},
  ): TicketView {
    this.#endEarlierDays();
    return this.#commit(actor, (change) => {
      const number = normalizeNumber(typed);
      // Letters lead, digits follow (B003, or 1005 from QMS): a letter among the digits is a
      // typo ("10O5"), two numbers glued together ("A12B003") a leftover, both refused.
      if (!isTicketNumber(number)) {
        throw badRequest(
          'invalid_number',
          `"${typed.trim()}" không phải số thứ tự: chữ cái (nếu có) đứng đầu rồi đến chữ số, ví dụ B003 hoặc 1005.`,
        );
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
      // QMS's numbers are digits only; a letter must be one of ours, or it is a typo ("Z12").
      if (!found && /^[A-Z]/.test(number) && !matchesPrefix(number, prefixes)) {
        throw badRequest(
          'invalid_number',
          `"${typed.trim()}" không phải số thứ tự: không có lĩnh vực nào mang chữ ${number.replace(/\d+$/, '')}. Các chữ đang dùng: ${prefixes.join(', ')}.`,
        );
      }
      if (!found && matchesPrefix(number, prefixes)) {
        throw notFound(`số ${number} trong hàng chờ hôm nay`);
      }
      const counter = this.#callingCounter(counterId, actor, change, options);
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
        fallback: false,
      });
      this.#event(ticket, 'manual_call', counter.id, actor.accountId, 'QMS');
      change.event = () => this.#callEvent(ticket, counter, now, false);
      return ticketView(ticket);
    });
  }

  pause(counterId: number, reason: string, actor: Actor, options: DeskOptions = {}): CounterView {
    return this.#commit(actor, (change) => {
      const counter = this.#holdFor(counterId, actor, change, options);
      if (counter.status === 'paused')
        throw conflict('already_paused', `Quầy ${counter.number} đang tạm dừng.`);
      this.#setCounter(counter, 'paused', reason, actor, 'pause');
      change.event = () => this.#counterEvent(counter.id);
      return this.#counterView(counter.id);
    });
  }

  resume(
    counterId: number,
    actor: Actor,
    reason: string | null = null,
    options: DeskOptions = {},
  ): CounterView {
    return this.#commit(actor, (change) => {
      const counter = this.#holdFor(counterId, actor, change, options);
      if (counter.status !== 'paused') throw conflict('not_paused', `Quầy ${counter.number} không tạm dừng.`);
      this.#setCounter(counter, 'open', reason, actor, 'resume');
      change.event = () => this.#counterEvent(counter.id);
      return this.#counterView(counter.id);
    });
  }

  /** Signs a clerk in to a counter: it is theirs until they sign out or their session ends. */
  open(counterId: number, actor: Actor, options: DeskOptions = {}): CounterView {
    this.#endEarlierDays();
    return this.#commit(actor, (change) => {
      const counter = this.#holdFor(counterId, actor, change, options);
      return this.#counterView(counter.id);
    });
  }

  /** Signs the clerk out of the counter; a ticket still at it stays there for whoever comes. */
  close(counterId: number, actor: Actor, options: DeskOptions = {}): CounterView {
    return this.#commit(actor, (change) => {
      const counter = this.#holdFor(counterId, actor, change, options);
      this.#setCounter(counter, 'closed', null, actor, 'close');
      change.event = () => this.#counterEvent(counter.id);
      return this.#counterView(counter.id);
    });
  }

  /** Releases what a session that ended held (`tokenHash` null: every session of the account). */
  release(accountId: number, tokenHash: string | null, reason: string): void {
    for (const held of this.#store.heldBy(accountId)) {
      if (tokenHash !== null && held.session_hash !== tokenHash) continue;
      this.#commit(SYSTEM, (change) => {
        const counter = this.#counter(held.id);
        this.#setCounter(counter, 'closed', `phiên đăng nhập kết thúc (${reason})`, SYSTEM, 'close');
        change.event = () => this.#counterEvent(counter.id);
      });
    }
  }

  /**
   * Closes tickets still at counters from an earlier business day, one change per ticket, at
   * the day's first call or sign-in: a ticket left called overnight is not finished by the
   * next morning's first call, and its day-end is no serve time for the reports.
   */
  #endEarlierDays(): void {
    const today = this.today();
    // Once a day is clean no ticket of an earlier day can become current again.
    if (this.#cleanDay === today) return;
    for (const stale of this.#store.staleCurrents(today)) {
      this.#commit(SYSTEM, (change) => {
        const closed = this.#store.setStatus(stale.id, 'done');
        this.#event(
          closed,
          'day_end',
          stale.counter_id,
          null,
          JSON.stringify({ day: stale.day }),
          stale.status,
        );
        change.related.push(closed);
        if (stale.counter_id !== null) change.event = () => this.#counterEvent(stale.counter_id as number);
      });
    }
    this.#cleanDay = today;
  }

  /** Every service, those taken off the kiosk too, for the technician's page. */
  allServices(): ServiceSetupView[] {
    return this.#store.allServices().map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      nameEn: s.name_en,
      prefix: s.prefix,
      position: s.position,
      active: s.active === 1,
      capPerSession: s.cap_per_session,
    }));
  }

  /** Adds or changes a service; the screens redraw at once. Answers the service before and after. */
  saveService(id: number | null, input: ServiceSetup) {
    const before = id === null ? null : (this.allServices().find((s) => s.id === id) ?? null);
    if (id !== null && !before) throw notFound(`lĩnh vực ${id}`);
    const prefix = input.prefix.toUpperCase();
    const taken = this.#store.serviceByPrefix(prefix);
    if (taken && taken.id !== id)
      throw conflict('prefix_taken', `Chữ cái ${prefix} đã dùng cho lĩnh vực khác.`);
    const fields = {
      name: input.name.trim(),
      nameEn: input.nameEn.trim(),
      prefix,
      position: input.position ?? before?.position ?? this.#store.allServices().length + 1,
      active: (input.active ?? before?.active ?? true) ? 1 : 0,
      capPerSession:
        input.capPerSession === undefined ? (before?.capPerSession ?? null) : input.capPerSession,
    };
    const saved = this.#setup('services', () =>
      id === null
        ? this.#store.insertService({ ...fields, code: this.#codeFor(fields.name) }).id
        : (this.#store.updateService({ ...fields, id }), id),
    );
    return { before, after: this.allServices().find((s) => s.id === saved) ?? null };
  }

  /** Adds or changes a counter with the services it serves. Answers it before and after. */
  saveCounter(id: number | null, input: CounterSetup) {
    const before = id === null ? null : (this.counters().find((c) => c.id === id) ?? null);
    if (id !== null && !before) throw notFound(`quầy ${id}`);
    const taken = this.#store.counterByNumber(input.number);
    if (taken && taken.id !== id) throw conflict('number_taken', `Đã có quầy số ${input.number}.`);
    for (const serviceId of input.serviceIds)
      if (!this.#store.service(serviceId))
        throw badRequest('unknown_service', `Không có lĩnh vực ${serviceId}.`);
    const fields = {
      number: input.number,
      name: input.name.trim(),
      priorityFirst: (input.priorityFirst ?? before?.priorityFirst ?? true) ? 1 : 0,
    };
    const saved = this.#setup('counters', () => {
      const counterId = id ?? this.#store.insertCounter(fields);
      if (id !== null) this.#store.updateCounter({ ...fields, id });
      this.#store.setCounterServices(counterId, [...new Set(input.serviceIds)]);
      return counterId;
    });
    return { before, after: this.counters().find((c) => c.id === saved) ?? null };
  }

  /**
   * Runs a setup change in its transaction and tells the screens. Inside a caller's own
   * transaction (an import) nothing is told yet: the caller announces once it has committed.
   */
  #setup<T>(what: 'services' | 'counters', work: () => T): T {
    const nested = this.#db.inTransaction;
    let result: T;
    try {
      result = atomically(this.#db, work);
    } finally {
      // Committed or not, the next tap reads the lines again. A tap never runs inside a setup's
      // transaction (taps commit in their own), so what it reads back has been committed.
      this.#lines = null;
    }
    if (!nested) this.announceSetup(what);
    return result;
  }

  /**
   * A service as a kiosk tap needs it, with the counters that serve it: read once per setup
   * change rather than twice per tap (two statements, 80 µs of a tap with the caches cold).
   */
  #line(serviceId: number): { service: ServiceRow; counters: number[] } | undefined {
    this.#lines ??= new Map(
      this.#store
        .allServices()
        .map((s) => [s.id, { service: s, counters: this.#store.counterNumbersOf(s.id) }]),
    );
    return this.#lines.get(serviceId);
  }

  /** The screens redraw from a new snapshot: services or counters were set up anew. */
  announceSetup(what: 'services' | 'counters'): void {
    this.#revision++;
    this.#deps.bus.emit('setup.changed', { what });
  }

  /** A stable code from the name, unique among services: ascii words joined by dashes. */
  #codeFor(name: string): string {
    const base = slug(name) || 'linh-vuc';
    let code = base;
    for (let n = 2; this.#store.serviceByCode(code); n++) code = `${base}-${n}`;
    return code;
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

  /** Tickets issued in fallback between two instants: what the log book and report count. */
  fallbackIssued(from: number, to: number): number {
    // The business days around the span let the count search the days' tickets instead of every
    // ticket ever issued; a day more on each side covers a reset hour changed since.
    const day = (ms: number) => businessDay(ms, this.#deps.day);
    return this.#store.fallbackIssued(from, to, day(from - DAY_MS), day(to + DAY_MS));
  }

  /** Tickets still waiting today, in every service: what draining waits for. */
  waitingTotal(): number {
    return this.#store.waitingTotal(this.today());
  }

  /**
   * A ticket as its live page shows it, by the token printed on it; null for an unknown token
   * or a ticket of an earlier day (the link ends with the day it was issued).
   */
  publicTicket(token: string): PublicTicket | null {
    const id = this.#tokens.ticketId(token);
    let ticket = id === null ? undefined : this.#store.ticket(id);
    // Only a kiosk's ticket was given a token; a transfer's copy carries the citizen on.
    if (ticket?.origin !== 'kiosk') return null;
    // The citizen's live page follows them to each line they are sent to.
    while (ticket?.status === 'transferred') ticket = this.#store.transferOf(ticket.id);
    const day = this.today();
    if (!ticket || ticket.day !== day) return null;
    const service = this.#store.service(ticket.service_id) as NonNullable<ReturnType<QueueStore['service']>>;
    const waitingBefore = ticket.status === 'waiting' ? this.#store.waitingAhead(ticket) : 0;
    const countersOpen = this.#store.openCountersOf(service.id);
    return {
      number: ticket.number,
      service: service.name,
      serviceEn: service.name_en,
      status: ticket.status,
      waitingBefore,
      estimate:
        ticket.status === 'waiting'
          ? waitEstimate(this.#store.serveTimesOf(day, service.id), waitingBefore, countersOpen)
          : null,
      counter: ticket.counter_id === null ? null : (this.#store.counter(ticket.counter_id)?.number ?? null),
      countersOpen,
    };
  }

  tickets(day: string, status?: string): TicketView[] {
    return this.#store
      .dayTickets(day)
      .filter((t) => status === undefined || t.status === status)
      .map(ticketView);
  }

  /**
   * The queue's part of what a screen needs to draw itself from nothing; events then keep it
   * current. Rebuilt only after a change, so a hundred displays reconnecting cost one build.
   */
  screen(): QueueScreen {
    const day = this.today();
    const key = `${this.#revision} ${day}`;
    if (this.#screen?.key !== key) this.#screen = { key, value: this.#buildScreen(day) };
    return this.#screen.value;
  }

  #buildScreen(day: string): QueueScreen {
    const counters = this.#store.counters();
    const byId = new Map(counters.map((c) => [c.id, c]));
    return {
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

  /**
   * The counter, held by `actor`: signed in to if nobody holds it, taken over if asked, and
   * refused (409 counter_taken, naming who) if another clerk holds it.
   */
  #holdFor(counterId: number, actor: Actor, change: Change, options: DeskOptions): CounterRow {
    const counter = this.#counter(counterId);
    const h = holding(counter, actor, options.takeover === true);
    if (h.kind === 'held') return counter;
    if (h.kind === 'resign') {
      this.#store.setCounter({
        id: counter.id,
        status: counter.status,
        pauseReason: counter.pause_reason,
        accountId: counter.account_id,
        session: h.session,
      });
      return this.#counter(counterId);
    }
    const reason = h.kind === 'takeover' ? `nhận quầy từ ${counter.held_by ?? 'cán bộ khác'}` : null;
    // A paused counter stays paused for whoever takes it; a closed one opens.
    this.#setCounter(counter, counter.status === 'closed' ? 'open' : counter.status, reason, actor, 'open');
    if (h.kind === 'takeover') {
      this.#deps.audit(actor, 'counter.takeover', { counter: counter.number, from: counter.held_by });
      change.takenFrom = h.from;
    }
    change.event = () => this.#counterEvent(counter.id);
    return this.#counter(counterId);
  }

  /** A counter that calls: held by whoever calls; a paused one calls nobody. */
  #callingCounter(counterId: number, actor: Actor, change: Change, options: DeskOptions): CounterRow {
    const counter = this.#holdFor(counterId, actor, change, options);
    if (counter.status === 'paused') {
      throw conflict(
        'counter_paused',
        `Quầy ${counter.number} đang tạm dừng; hãy tiếp tục trước khi gọi số.`,
      );
    }
    return counter;
  }

  #setCounter(
    counter: CounterRow,
    status: CounterRow['status'],
    reason: string | null,
    actor: Actor,
    kind: 'open' | 'pause' | 'resume' | 'close',
  ): void {
    const closing = status === 'closed';
    this.#store.setCounter({
      id: counter.id,
      status,
      pauseReason: status === 'paused' ? (kind === 'pause' ? reason : counter.pause_reason) : null,
      accountId: closing ? null : actor.accountId,
      session: closing ? null : (actor.session ?? null),
    });
    this.#store.insertCounterEvent({
      counterId: counter.id,
      at: this.#deps.clock.now(),
      kind,
      reason,
      accountId: actor.accountId,
    });
    if (kind === 'pause' || kind === 'resume') {
      this.#deps.audit(actor, `counter.${kind}`, { counter: counter.number, reason });
    }
  }

  #currentOf(counter: CounterRow, action: TicketAction): { counter: CounterRow; ticket: TicketRow } {
    const ticket = this.#store.current(counter.id);
    if (!ticket) throw conflict('no_current_ticket', `Quầy ${counter.number} chưa gọi số nào.`);
    if (nextStatus(ticket.status, action) === null) {
      throw conflict('illegal_transition', illegalMessage(ticket.number, ticket.status, action));
    }
    return { counter, ticket };
  }

  #step(
    counterId: number,
    actor: Actor,
    options: DeskOptions,
    action: 'start' | 'finish' | 'no_show',
    kind: string,
  ): TicketView {
    return this.#commit(actor, (change) => {
      const { counter, ticket } = this.#currentOf(this.#holdFor(counterId, actor, change, options), action);
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

  #counterEvent(counterId: number): Draft {
    return ['counter.updated', { counter: this.#counterView(counterId) }];
  }

  #callEvent(ticket: TicketRow, counter: CounterRow, at: number, recall: boolean): Draft {
    return [
      'ticket.called',
      {
        ticket: ticketView(this.#store.ticket(ticket.id) as TicketRow),
        counter: this.#counterView(counter.id),
        call: callView(ticket, counter, at),
        recall,
      },
    ];
  }
}
