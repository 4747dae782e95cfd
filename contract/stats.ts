/**
 * The leader's figures (`GET /api/stats`), computed on the server from the ticket events. A
 * visit is one ticket at one service: a transfer ends one visit and begins another.
 */

export type StatsBy = 'service' | 'counter' | 'staff' | 'hour' | 'day' | 'month';

export interface StatsRow {
  /** The service, counter or account id, the local hour (0–23), or the day `YYYY-MM-DD`. */
  key: string;
  label: string;
  visits: number;
  served: number;
  noShows: number;
  transferred: number;
  /** Still waiting or at a counter (today), or left open at a day's end. */
  open: number;
  /** From the number to its first call, over the visits that were called; null when none was. */
  meanWaitMin: number | null;
  maxWaitMin: number | null;
  /** From the last call to done, over the visits served. */
  meanServeMin: number | null;
  /** Visits the citizen rated at the counter's tablet, and how many of those "không hài lòng". */
  rated: number;
  unsatisfied: number;
  /** (rated − unsatisfied) / rated, percent to one decimal (Decision 766/QĐ-TTg); null when none. */
  satisfactionPct: number | null;
}

export interface StatsView {
  from: string;
  to: string;
  by: StatsBy;
  rows: StatsRow[];
  total: StatsRow;
}
