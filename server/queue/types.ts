import type { Snapshot, TicketOrigin, TicketStatus } from '../../contract/screen.js';

export interface TicketRow {
  id: number;
  day: string;
  service_id: number;
  number: string;
  origin: TicketOrigin;
  priority: number;
  status: TicketStatus;
  issued_at: number;
  queue_at: number;
  counter_id: number | null;
  target_counter_id: number | null;
  transferred_from: number | null;
  called_at: number | null;
  finished_at: number | null;
  fallback: number;
}

export interface ServiceRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  prefix: string;
  first_number: number;
  width: number;
  position: number;
  active: number;
  cap_per_session: number | null;
}

export interface CounterRow {
  id: number;
  number: number;
  name: string;
  status: 'closed' | 'open' | 'paused';
  pause_reason: string | null;
  account_id: number | null;
  /** The session of the clerk who holds it. */
  session_hash: string | null;
  /** The holder's display name, joined from accounts. */
  held_by: string | null;
  priority_first: number;
}

/** The queue's part of a screen snapshot; realtime adds the version, failover and printers. */
export type QueueScreen = Pick<Snapshot, 'day' | 'services' | 'counters' | 'waiting' | 'recentCalls'>;
