import type { CounterView, EventMessage, PrinterView, ScreenSnapshot, TicketView } from './types.js';

const RECENT_CALLS = 10;

/** Calling order: priority first, then place in line. */
const before = (a: TicketView, b: TicketView) =>
  a.priority !== b.priority
    ? a.priority
      ? -1
      : 1
    : a.queuedAt < b.queuedAt
      ? -1
      : a.queuedAt > b.queuedAt
        ? 1
        : a.id - b.id;

function upsertTicket(s: ScreenSnapshot, t: TicketView): void {
  const at = s.waiting.findIndex((w) => w.id === t.id);
  if (at >= 0) s.waiting.splice(at, 1);
  if (t.status !== 'waiting') return;
  const place = s.waiting.findIndex((w) => before(t, w) < 0);
  s.waiting.splice(place < 0 ? s.waiting.length : place, 0, t);
}

function replaceCounter(s: ScreenSnapshot, c: CounterView): void {
  const at = s.counters.findIndex((x) => x.id === c.id);
  if (at >= 0) s.counters[at] = c;
}

/**
 * Applies one server event to a snapshot, in place. The server sends the authoritative
 * counter and waiting counts with each event, so the screen only patches what it holds.
 */
export function applyEvent(s: ScreenSnapshot, name: string, m: EventMessage): void {
  s.version = m.version;
  if (m.ticket) upsertTicket(s, m.ticket);
  for (const t of m.related ?? []) upsertTicket(s, t);
  if (m.counter) replaceCounter(s, m.counter);
  for (const [id, n] of Object.entries(m.waiting ?? {})) {
    const service = s.services.find((x) => x.id === Number(id));
    if (service) service.waiting = n;
  }
  if (name === 'ticket.called' && m.call) s.recentCalls = [m.call, ...s.recentCalls].slice(0, RECENT_CALLS);
  if (name === 'notice' && m.notices) s.notices = m.notices;
  if (name === 'failover.changed' && m.failover) {
    s.failover = m.failover;
    s.mode = m.failover.mode;
  }
}

export function applyPrinter(s: ScreenSnapshot, printer: PrinterView): void {
  s.printers = s.printers.map((p) => (p.id === printer.id ? printer : p));
}

/** What to do with an event of `version` when the screen holds `held`. */
export function versionStep(held: number, version: number): 'apply' | 'stale' | 'gap' {
  if (version <= held) return 'stale';
  return version === held + 1 ? 'apply' : 'gap';
}
