/**
 * How a ticket's events fold into its visit: the read model the leader's figures are counted
 * from. Pure, so the projection can be replayed from the first event at any time.
 */

export type Outcome = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred' | 'unfinished';

export interface Visit {
  ticketId: number;
  day: string;
  /** Local hour the number was taken. */
  hour: number;
  serviceId: number;
  counterId: number | null;
  /** Who called, served or finished it last. */
  accountId: number | null;
  outcome: Outcome;
  issuedAt: number;
  lastCallAt: number | null;
  finishedAt: number | null;
  waitMs: number | null;
  serveMs: number | null;
}

export interface VisitEvent {
  kind: string;
  at: number;
  counterId: number | null;
  accountId: number | null;
}

/** The ticket as it was first written, for a visit its events have not yet opened. */
export interface TicketStart {
  ticketId: number;
  day: string;
  hour: number;
  serviceId: number;
  issuedAt: number;
}

export function openVisit(t: TicketStart): Visit {
  return {
    ...t,
    counterId: null,
    accountId: null,
    outcome: 'waiting',
    lastCallAt: null,
    finishedAt: null,
    waitMs: null,
    serveMs: null,
  };
}

function atCounter(v: Visit, e: VisitEvent): Visit {
  return { ...v, counterId: e.counterId ?? v.counterId, accountId: e.accountId ?? v.accountId };
}

function finished(v: Visit, e: VisitEvent, outcome: Outcome, served: boolean): Visit {
  const serveMs = served && v.lastCallAt !== null ? e.at - v.lastCallAt : null;
  return { ...atCounter(v, e), outcome, finishedAt: e.at, serveMs };
}

export function applyEvent(v: Visit, e: VisitEvent): Visit {
  switch (e.kind) {
    case 'called':
      return {
        ...atCounter(v, e),
        outcome: 'called',
        lastCallAt: e.at,
        // The wait ends at the first call; a recall or a return is the citizen's delay, not the line's.
        waitMs: v.waitMs ?? e.at - v.issuedAt,
      };
    case 'manual_call':
      // An old QMS number called by hand: its wait began on the other machine, unknown here.
      return { ...atCounter(v, e), outcome: 'called', lastCallAt: e.at };
    case 'started':
      return { ...atCounter(v, e), outcome: 'serving' };
    case 'returned':
      return { ...v, outcome: 'waiting', finishedAt: null };
    case 'done':
      return finished(v, e, 'done', true);
    case 'transferred':
      return finished(v, e, 'transferred', true);
    case 'no_show':
      return finished(v, e, 'no_show', false);
    case 'day_end':
      // Closed by the next morning, not by a clerk: neither served nor a no-show.
      return finished(v, e, 'unfinished', false);
    default:
      return v;
  }
}
