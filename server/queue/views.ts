import type { CallView, CounterView, ServiceView, TicketView } from '../../contract/screen.js';
import { callAnnouncement } from './spoken.js';
import type { CounterRow, ServiceRow, TicketRow } from './types.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Row → the public shape of the contract; nothing here names who took the ticket. */
export function ticketView(t: TicketRow): TicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.service_id,
    priority: t.priority === 1,
    status: t.status,
    origin: t.origin,
    issuedAt: iso(t.issued_at) as string,
    queuedAt: iso(t.queue_at) as string,
    calledAt: iso(t.called_at),
    finishedAt: iso(t.finished_at),
    counterId: t.counter_id,
    targetCounterId: t.target_counter_id,
  };
}

export function serviceView(s: ServiceRow, waiting: number): ServiceView {
  return { id: s.id, code: s.code, name: s.name, nameEn: s.name_en, prefix: s.prefix, waiting };
}

export function counterView(
  c: CounterRow,
  serviceIds: number[],
  current: TicketRow | undefined,
): CounterView {
  return {
    id: c.id,
    number: c.number,
    name: c.name,
    serviceIds,
    status: c.status,
    pauseReason: c.pause_reason,
    current: current ? ticketView(current) : null,
    heldBy: c.held_by,
    priorityFirst: c.priority_first === 1,
  };
}

export function callView(
  ticket: Pick<TicketRow, 'id' | 'number'>,
  counter: CounterRow,
  at: number,
): CallView {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    counterId: counter.id,
    counterNumber: counter.number,
    at: new Date(at).toISOString(),
    announcement: callAnnouncement(ticket.number, counter.number),
  };
}
