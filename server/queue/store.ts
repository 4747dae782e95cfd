import type { TicketStatus } from '../../contract/screen.js';
import type { Db } from '../db/open.js';
import type { CounterRow, ServiceRow, TicketRow } from './types.js';

export interface NewTicket {
  day: string;
  serviceId: number;
  number: string;
  origin: TicketRow['origin'];
  priority: boolean;
  status: TicketStatus;
  at: number;
  queueAt: number;
  counterId: number | null;
  targetCounterId: number | null;
  transferredFrom: number | null;
  idempotencyKey: string | null;
  client: string | null;
  fallback: boolean;
}

export interface TicketEvent {
  ticketId: number;
  at: number;
  kind: string;
  from: TicketStatus | null;
  to: TicketStatus;
  counterId: number | null;
  accountId: number | null;
  detail?: string | null;
}

/** Calling order: priority first, then place in line, then issue order. */
const callingOrder = (a: TicketRow, b: TicketRow) =>
  b.priority - a.priority || a.queue_at - b.queue_at || a.id - b.id;
const arrivalOrder = (a: TicketRow, b: TicketRow) => a.queue_at - b.queue_at || a.id - b.id;

/** A service as a technician sets it up; the booleans are SQLite's 0 and 1. */
export type ServiceFields = {
  name: string;
  nameEn: string;
  prefix: string;
  position: number;
  active: number;
  capPerSession: number | null;
};

export type CounterFields = {
  number: number;
  name: string;
  priorityFirst: number;
};

/** A counter's current ticket: read on every counter action (its query plan is tested). */
export const CURRENT_TICKET = `SELECT * FROM tickets WHERE counter_id = ? AND status IN ('called', 'serving')
  ORDER BY called_at DESC, id DESC LIMIT 1`;

/** The queue's SQL, prepared once. Plain reads and writes; the rules live in queue.ts. */
export function queueStore(db: Db) {
  const q = {
    services: db.prepare<[], ServiceRow>('SELECT * FROM services WHERE active = 1 ORDER BY position, id'),
    service: db.prepare<[number], ServiceRow>('SELECT * FROM services WHERE id = ?'),
    counters: db.prepare<[], CounterRow>(
      `SELECT c.*, a.display_name AS held_by FROM counters c LEFT JOIN accounts a ON a.id = c.account_id
       ORDER BY c.number`,
    ),
    counter: db.prepare<[number], CounterRow>(
      'SELECT c.*, a.display_name AS held_by FROM counters c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.id = ?',
    ),
    heldBy: db.prepare<[number], { id: number; session_hash: string | null }>(
      'SELECT id, session_hash FROM counters WHERE account_id = ?',
    ),
    fallbackIssued: db.prepare<[string, string, number, number], { n: number }>(
      `SELECT count(*) AS n FROM tickets
       WHERE origin = 'kiosk' AND day BETWEEN ? AND ? AND fallback = 1 AND issued_at >= ? AND issued_at < ?`,
    ),
    staleCurrents: db.prepare<[string], TicketRow>(
      // Through the index of current tickets (one a counter at most): any other plan reads the
      // whole history of the day's tickets, or of every day, on each call.
      "SELECT * FROM tickets INDEXED BY tickets_current WHERE status IN ('called', 'serving') AND day < ? ORDER BY id",
    ),
    counterServices: db.prepare<[], { counter_id: number; service_id: number }>(
      'SELECT counter_id, service_id FROM counter_services ORDER BY counter_id, service_id',
    ),
    serviceIdsOf: db.prepare<[number], { service_id: number }>(
      'SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY service_id',
    ),
    counterNumbersOf: db.prepare<[number], { number: number }>(
      `SELECT c.number FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
       WHERE cs.service_id = ? ORDER BY c.number`,
    ),
    nextSequence: db.prepare<[number, string, number], { last: number }>(
      `INSERT INTO number_sequences (service_id, day, last) VALUES (?, ?, ?)
       ON CONFLICT (service_id, day) DO UPDATE SET last = last + 1 RETURNING last`,
    ),
    insertTicket: db.prepare<[Omit<TicketRow, 'id'> & Pick<NewTicket, 'idempotencyKey' | 'client'>]>(
      `INSERT INTO tickets (day, service_id, number, origin, priority, status, issued_at, queue_at,
         counter_id, target_counter_id, transferred_from, called_at, finished_at, fallback, idempotency_key, client)
       VALUES (@day, @service_id, @number, @origin, @priority, @status, @issued_at, @queue_at,
         @counter_id, @target_counter_id, @transferred_from, @called_at, @finished_at, @fallback, @idempotencyKey,
         @client)`,
    ),
    ticket: db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
    transferOf: db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE transferred_from = ?'),
    openCountersOf: db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
       WHERE cs.service_id = ? AND c.status = 'open'`,
    ),
    // The latest, so the estimate follows the pace of the hour rather than of the morning.
    serveTimesOf: db.prepare<[string, number], { ms: number }>(
      `SELECT finished_at - called_at AS ms FROM tickets
       WHERE day = ? AND status = 'done' AND called_at IS NOT NULL AND finished_at IS NOT NULL
         AND counter_id IN (SELECT counter_id FROM counter_services WHERE service_id = ?)
       ORDER BY finished_at DESC LIMIT 30`,
    ),
    byKey: db.prepare<[string], TicketRow>(
      'SELECT * FROM tickets WHERE idempotency_key = ? AND idempotency_key IS NOT NULL',
    ),
    byNumber: db.prepare<[string, string], TicketRow>(
      'SELECT * FROM tickets WHERE day = ? AND number = ? ORDER BY id DESC LIMIT 1',
    ),
    current: db.prepare<[number], TicketRow>(CURRENT_TICKET),
    currents: db.prepare<[], TicketRow>(
      "SELECT * FROM tickets WHERE status IN ('called', 'serving') ORDER BY called_at",
    ),
    serviceHead: db.prepare<[string, number], TicketRow>(
      `SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND service_id = ? AND target_counter_id IS NULL
       ORDER BY priority DESC, queue_at, id LIMIT 1`,
    ),
    // A counter that does not call priority first takes each line's oldest.
    serviceOldest: db.prepare<[string, number], TicketRow>(
      `SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND service_id = ? AND target_counter_id IS NULL
       ORDER BY queue_at, id LIMIT 1`,
    ),
    allServices: db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY position, id'),
    insertService: db.prepare<[Record<string, unknown>], ServiceRow>(
      `INSERT INTO services (code, name, name_en, prefix, position, active, cap_per_session)
       VALUES (@code, @name, @nameEn, @prefix, @position, @active, @capPerSession) RETURNING *`,
    ),
    updateService: db.prepare<[Record<string, unknown>], ServiceRow>(
      `UPDATE services SET name = @name, name_en = @nameEn, prefix = @prefix, position = @position,
         active = @active, cap_per_session = @capPerSession WHERE id = @id RETURNING *`,
    ),
    serviceByCode: db.prepare<[string], { id: number }>('SELECT id FROM services WHERE code = ?'),
    serviceByPrefix: db.prepare<[string], { id: number }>('SELECT id FROM services WHERE prefix = ?'),
    counterByNumber: db.prepare<[number], { id: number }>('SELECT id FROM counters WHERE number = ?'),
    insertCounter: db.prepare<[Record<string, unknown>], { id: number }>(
      'INSERT INTO counters (number, name, priority_first) VALUES (@number, @name, @priorityFirst) RETURNING id',
    ),
    updateCounter: db.prepare<[Record<string, unknown>], { id: number }>(
      'UPDATE counters SET number = @number, name = @name, priority_first = @priorityFirst WHERE id = @id RETURNING id',
    ),
    clearCounterServices: db.prepare<[number]>('DELETE FROM counter_services WHERE counter_id = ?'),
    addCounterService: db.prepare<[number, number]>(
      'INSERT INTO counter_services (counter_id, service_id) VALUES (?, ?)',
    ),
    issuedSince: db.prepare<[string, number, number], { n: number }>(
      "SELECT count(*) AS n FROM tickets WHERE day = ? AND service_id = ? AND origin = 'kiosk' AND issued_at >= ?",
    ),
    targetedHead: db.prepare<[number, string], TicketRow>(
      `SELECT * FROM tickets WHERE target_counter_id = ? AND day = ? AND status = 'waiting'
       ORDER BY priority DESC, queue_at, id LIMIT 1`,
    ),
    serviceLine: db.prepare<[string, number, number], TicketRow>(
      `SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND service_id = ?
       ORDER BY priority DESC, queue_at, id LIMIT ?`,
    ),
    waitingTotal: db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM tickets WHERE day = ? AND status = 'waiting'",
    ),
    waitingCount: db.prepare<[string, number], { n: number }>(
      'SELECT n FROM waiting_counts WHERE day = ? AND service_id = ?',
    ),
    waitingCounts: db.prepare<[string], { service_id: number; n: number }>(
      'SELECT service_id, n FROM waiting_counts WHERE day = ?',
    ),
    waitingFrom: db.prepare<[string, number, number], { n: number }>(
      "SELECT count(*) AS n FROM tickets WHERE day = ? AND status = 'waiting' AND service_id = ? AND priority >= ?",
    ),
    waitingAhead: db.prepare<[TicketRow], { n: number }>(
      `SELECT count(*) AS n FROM tickets WHERE day = @day AND status = 'waiting' AND service_id = @service_id
         AND (priority > @priority OR (priority = @priority
              AND (queue_at < @queue_at OR (queue_at = @queue_at AND id < @id))))`,
    ),
    setStatus: db.prepare(
      `UPDATE tickets SET status = @status, counter_id = coalesce(@counterId, counter_id),
         called_at = coalesce(@calledAt, called_at), finished_at = coalesce(@finishedAt, finished_at)
       WHERE id = @id`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO ticket_events (ticket_id, at, kind, from_status, to_status, counter_id, account_id, detail)
       VALUES (@ticketId, @at, @kind, @from, @to, @counterId, @accountId, @detail)`,
    ),
    recentCalls: db.prepare<
      [string, number],
      { ticket_id: number; number: string; counter_id: number; at: number }
    >(
      // Newest calls first through their own index, stopping at the tenth of the day: scanning
      // the day's tickets instead would cost more with every ticket issued.
      `SELECT e.ticket_id, t.number, e.counter_id, e.at
       FROM ticket_events e INDEXED BY ticket_events_calls CROSS JOIN tickets t ON t.id = e.ticket_id
       WHERE t.day = ? AND e.kind IN ('called', 'recalled', 'manual_call') ORDER BY e.id DESC LIMIT ?`,
    ),
    dayTickets: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE day = ? ORDER BY id'),
    setCounter: db.prepare(
      `UPDATE counters SET status = @status, pause_reason = @pauseReason, account_id = @accountId,
         session_hash = @session WHERE id = @id`,
    ),
    insertCounterEvent: db.prepare(
      `INSERT INTO counter_events (counter_id, at, kind, reason, account_id)
       VALUES (@counterId, @at, @kind, @reason, @accountId)`,
    ),
  };

  return {
    services: () => q.services.all(),
    service: (id: number) => q.service.get(id),
    counters: () => q.counters.all(),
    counter: (id: number) => q.counter.get(id),
    counterServices: () => q.counterServices.all(),
    serviceIdsOf: (counterId: number) => q.serviceIdsOf.all(counterId).map((r) => r.service_id),
    counterNumbersOf: (serviceId: number) => q.counterNumbersOf.all(serviceId).map((r) => r.number),
    nextSequence: (serviceId: number, day: string, first: number) =>
      (q.nextSequence.get(serviceId, day, first) as { last: number }).last,
    // The row is the one written, not read back: `RETURNING *` doubled the insert's cost (SQLite
    // gathers returned rows in a temporary table it builds for each statement), and a read by id
    // is one more statement on a kiosk tap.
    insertTicket(t: NewTicket): TicketRow {
      const row: Omit<TicketRow, 'id'> = {
        day: t.day,
        service_id: t.serviceId,
        number: t.number,
        origin: t.origin,
        priority: t.priority ? 1 : 0,
        status: t.status,
        issued_at: t.at,
        queue_at: t.queueAt,
        counter_id: t.counterId,
        target_counter_id: t.targetCounterId,
        transferred_from: t.transferredFrom,
        called_at: t.status === 'called' ? t.at : null,
        finished_at: null,
        fallback: t.fallback ? 1 : 0,
      };
      const { lastInsertRowid } = q.insertTicket.run({
        ...row,
        idempotencyKey: t.idempotencyKey,
        client: t.client,
      });
      return { id: Number(lastInsertRowid), ...row };
    },
    ticket: (id: number) => q.ticket.get(id),
    byKey: (key: string) => q.byKey.get(key),
    /** The ticket a transfer made of this one. */
    transferOf: (id: number) => q.transferOf.get(id),
    openCountersOf: (serviceId: number) => (q.openCountersOf.get(serviceId) as { n: number }).n,
    /** How long the day's last tickets took at the counters serving a service, in ms. */
    serveTimesOf: (day: string, serviceId: number) => q.serveTimesOf.all(day, serviceId).map((r) => r.ms),
    byNumber: (day: string, number: string) => q.byNumber.get(day, number),
    current: (counterId: number) => q.current.get(counterId),
    currents: () => q.currents.all(),
    /**
     * Who a counter calls next: the head of each line it serves and of the tickets sent to it,
     * each read from an index, the best of them by calling order. One query per line rather
     * than one over the whole day, which would sort every waiting ticket on every call.
     */
    nextFor(day: string, counter: Pick<CounterRow, 'id' | 'priority_first'>): TicketRow | undefined {
      const head = counter.priority_first ? q.serviceHead : q.serviceOldest;
      const heads = q.serviceIdsOf.all(counter.id).map((r) => head.get(day, r.service_id));
      return [q.targetedHead.get(counter.id, day), ...heads]
        .filter((t): t is TicketRow => t !== undefined)
        .sort(counter.priority_first ? callingOrder : arrivalOrder)[0];
    },
    allServices: () => q.allServices.all(),
    insertService: (s: ServiceFields & { code: string }) => q.insertService.get(s) as ServiceRow,
    updateService: (s: ServiceFields & { id: number }) => q.updateService.get(s),
    serviceByCode: (code: string) => q.serviceByCode.get(code),
    serviceByPrefix: (prefix: string) => q.serviceByPrefix.get(prefix),
    counterByNumber: (n: number) => q.counterByNumber.get(n),
    insertCounter: (c: CounterFields) => (q.insertCounter.get(c) as { id: number }).id,
    updateCounter: (c: CounterFields & { id: number }) => q.updateCounter.get(c),
    setCounterServices(counterId: number, serviceIds: readonly number[]): void {
      q.clearCounterServices.run(counterId);
      for (const id of serviceIds) q.addCounterService.run(counterId, id);
    },
    /** Numbers a service gave at the kiosk since an instant of the day: what a cap counts. */
    issuedSince: (day: string, serviceId: number, since: number) =>
      (q.issuedSince.get(day, serviceId, since) as { n: number }).n,
    /** The first `perService` waiting tickets of each service, in calling order. */
    waitingHead(day: string, perService: number): TicketRow[] {
      return q.services
        .all()
        .flatMap((s) => q.serviceLine.all(day, s.id, perService))
        .sort(callingOrder);
    },
    waitingTotal: (day: string) => (q.waitingTotal.get(day) as { n: number }).n,
    waitingCount: (day: string, serviceId: number) => q.waitingCount.get(day, serviceId)?.n ?? 0,
    waitingCounts: (day: string) => new Map(q.waitingCounts.all(day).map((r) => [r.service_id, r.n])),
    /**
     * How many wait before a ticket about to be issued: everyone of its priority or higher.
     * Priority tickets are few, so they are counted; for the rest it is the whole line.
     */
    waitingBeforeNew: (day: string, serviceId: number, priority: boolean) =>
      priority
        ? (q.waitingFrom.get(day, serviceId, 1) as { n: number }).n
        : (q.waitingCount.get(day, serviceId)?.n ?? 0),
    waitingAhead: (t: TicketRow) => (q.waitingAhead.get(t) as { n: number }).n,
    setStatus(
      id: number,
      status: TicketStatus,
      at: { counterId?: number; calledAt?: number; finishedAt?: number } = {},
    ): TicketRow {
      q.setStatus.run({
        id,
        status,
        counterId: at.counterId ?? null,
        calledAt: at.calledAt ?? null,
        finishedAt: at.finishedAt ?? null,
      });
      return q.ticket.get(id) as TicketRow;
    },
    insertEvent: (e: TicketEvent) => q.insertEvent.run({ ...e, detail: e.detail ?? null }),
    recentCalls: (day: string, limit: number) => q.recentCalls.all(day, limit),
    dayTickets: (day: string) => q.dayTickets.all(day),
    setCounter: (c: {
      id: number;
      status: CounterRow['status'];
      pauseReason: string | null;
      accountId: number | null;
      session: string | null;
    }) => q.setCounter.run(c),
    /** The counters an account holds, and with which session. */
    heldBy: (accountId: number) => q.heldBy.all(accountId),
    fallbackIssued: (from: number, to: number, firstDay: string, lastDay: string) =>
      (q.fallbackIssued.get(firstDay, lastDay, from, to) as { n: number }).n,
    /** Tickets still at a counter from an earlier business day. */
    staleCurrents: (today: string) => q.staleCurrents.all(today),
    insertCounterEvent: (e: {
      counterId: number;
      at: number;
      kind: 'open' | 'pause' | 'resume' | 'close';
      reason: string | null;
      accountId: number | null;
    }) => q.insertCounterEvent.run(e),
  };
}

export type QueueStore = ReturnType<typeof queueStore>;
