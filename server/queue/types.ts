import type { FailoverStatus } from '../failover/status.js';
import type { TicketStatus } from './ticket-state.js';

export interface TicketRow {
  id: number;
  day: string;
  service_id: number;
  number: string;
  origin: 'kiosk' | 'transfer' | 'manual';
  priority: number;
  status: TicketStatus;
  issued_at: number;
  queue_at: number;
  counter_id: number | null;
  target_counter_id: number | null;
  transferred_from: number | null;
  called_at: number | null;
  finished_at: number | null;
}

export interface ServiceRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  prefix: string;
  first_number: number;
  width: number;
  active: number;
}

export interface CounterRow {
  id: number;
  number: number;
  name: string;
  status: 'closed' | 'open' | 'paused';
  pause_reason: string | null;
  account_id: number | null;
}

/** Who did something, for events and the audit log. */
export interface Actor {
  accountId: number | null;
  username: string | null;
  ip: string | null;
}

export interface TicketView {
  id: number;
  number: string;
  serviceId: number;
  priority: boolean;
  status: TicketStatus;
  origin: TicketRow['origin'];
  issuedAt: string;
  /** Place in line: the original issue time, kept across a transfer. */
  queuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  counterId: number | null;
  targetCounterId: number | null;
}

export interface ServiceView {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  waiting: number;
}

export interface CounterView {
  id: number;
  number: number;
  name: string;
  serviceIds: number[];
  status: CounterRow['status'];
  pauseReason: string | null;
  current: TicketView | null;
}

export interface CallView {
  ticketId: number;
  number: string;
  counterId: number;
  counterNumber: number;
  at: string;
  announcement: string;
}

/** Everything a screen draws, as `GET /api/queue` and the `snapshot` socket event send it. */
export interface Snapshot {
  version: number;
  mode: FailoverStatus['mode'];
  failover: FailoverStatus;
  day: string;
  services: ServiceView[];
  counters: CounterView[];
  waiting: TicketView[];
  recentCalls: CallView[];
}
