import type { NoticeView } from './logbook.js';

/**
 * The screen contract: what the server sends the pages over HTTP and Socket.IO. Types only,
 * shared by the server and the pages, so the two cannot drift apart unseen. `docs/api.md`
 * says which socket event goes to which room.
 */

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred';
export type TicketOrigin = 'kiosk' | 'transfer' | 'manual';

export interface TicketView {
  id: number;
  number: string;
  serviceId: number;
  priority: boolean;
  status: TicketStatus;
  origin: TicketOrigin;
  issuedAt: string;
  /** Place in line: the original issue time, kept across a transfer. */
  queuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  counterId: number | null;
  targetCounterId: number | null;
}

/** A new ticket as the kiosk gets it: how many wait before it. */
export interface IssuedTicket extends TicketView {
  waitingBefore: number;
}

/**
 * The kiosk's own answer: with the token of the ticket's live page (`/t/:token`) and its
 * address for the QR. No socket carries either: only the one who took the ticket has them.
 */
export interface KioskTicket extends IssuedTicket {
  publicToken: string;
  publicUrl: string | null;
}

/** What the live page of a ticket shows (`GET /api/public/tickets/:token`): nothing personal. */
export interface PublicTicket {
  number: string;
  service: string;
  serviceEn: string;
  status: TicketStatus;
  waitingBefore: number;
  /** From today's serve times at the counters of the service; null when there is no basis. */
  estimate: { minMinutes: number; maxMinutes: number } | null;
  /** The number of the counter that called it, once called. */
  counter: number | null;
  /** Counters serving the service are open now: with none, no estimate can be honest. */
  countersOpen: number;
}

export interface ServiceView {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  waiting: number;
}

export type CounterStatus = 'closed' | 'open' | 'paused';

export interface CounterView {
  id: number;
  number: number;
  name: string;
  serviceIds: number[];
  status: CounterStatus;
  pauseReason: string | null;
  current: TicketView | null;
  /** The display name of the clerk signed in to it; never a username. */
  heldBy: string | null;
  /** Calls priority tickets first (the default), or strictly in order of arrival. */
  priorityFirst: boolean;
}

/** Sent to a clerk's pages when another clerk takes over their counter. */
export interface CounterTaken {
  counter: CounterView;
  /** Who took it, by display name. */
  byName: string | null;
}

export interface CallView {
  ticketId: number;
  number: string;
  counterId: number;
  counterNumber: number;
  at: string;
  /** The exact Vietnamese phrase the displays speak, numbers written as words. */
  announcement: string;
}

export type FailoverState = 'standalone' | 'standby' | 'suspect' | 'active' | 'draining';
export type FailoverMode = 'auto' | 'force-active' | 'force-standby';

export interface FailoverStatus {
  state: FailoverState;
  mode: FailoverMode;
  drill: boolean;
  since: number;
  /** Kept active by the flap guard until a technician confirms. */
  held?: boolean;
  /** The appliance's own network link is down (plan 2.3), so QMS is not judged. */
  ownLinkDown?: boolean;
}

export type PrinterState = 'ready' | 'printing' | 'error' | 'offline' | 'unknown';
export type PaperState = 'ok' | 'near_end' | 'out' | 'unknown';
export type PrinterTransport = 'virtual' | 'tcp' | 'serial' | 'device';

/** A printer as `GET /api/printers` and `printer.changed` describe it. */
export interface PrinterView {
  id: string;
  transport: PrinterTransport;
  state: PrinterState;
  paper: PaperState;
  /** Why it cannot print, in Vietnamese; null when it can. */
  lastError: string | null;
  paperWidthMm: 58 | 80;
  /** Things to fix before they stop printing: paper near end, a baud rate too slow. */
  warnings: string[];
}

export type JobStatus = 'queued' | 'printing' | 'printed' | 'failed';

/** A print job as `print.job` and the job routes describe it. */
export interface JobView {
  id: number;
  printerId: string;
  kind: 'ticket' | 'test' | 'receipt';
  ticketId: number | null;
  /** A ticket's number, or a paper-intake receipt's dossier code. */
  number: string | null;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  printedAt: number | null;
}

/** Everything a screen draws: `GET /api/queue` and the `snapshot` socket event. */
export interface Snapshot {
  version: number;
  mode: FailoverMode;
  failover: FailoverStatus;
  /** The business day, `YYYY-MM-DD`. */
  day: string;
  services: ServiceView[];
  counters: CounterView[];
  /** The head of each service's line (up to 50 each), in calling order. */
  waiting: TicketView[];
  recentCalls: CallView[];
  center: { name: string; timezone: string };
  printers: PrinterView[];
  /** Notices to citizens up now (plan 2.9), as the `notice` event then keeps them. */
  notices: NoticeView[];
}

/** The versioned socket events: each carries the snapshot `version` it produced. */
export const VERSIONED_EVENTS = [
  'ticket.issued',
  'ticket.called',
  'ticket.updated',
  'counter.updated',
  'failover.changed',
  'notice',
] as const;
export type VersionedEvent = (typeof VERSIONED_EVENTS)[number];

/**
 * The body of a versioned event. Fields not every event has are optional; `waiting` is the
 * exact count of each service line the change touched, `related` the other tickets it touched.
 */
export interface EventMessage {
  version: number;
  ticket?: TicketView | IssuedTicket;
  counter?: CounterView;
  related?: TicketView[];
  waiting?: Record<string, number>;
  call?: CallView;
  announcement?: string;
  recall?: boolean;
  failover?: FailoverStatus;
  notices?: NoticeView[];
}

/** Screens a socket may say it is. Pages with a session are what their account is. */
export const PUBLIC_KINDS = ['kiosk', 'display', 'counter-display'] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

/** What a socket sends at connect in `auth`; none of it grants anything a session does not. */
export interface SocketHello {
  kind?: string;
  /** A kiosk names the printer its tickets print on, to hear how they print. */
  printerId?: string;
}

/**
 * A screen on the technician's list (`GET /api/screens`): up now, or seen earlier and gone.
 * Counter pages and counter displays are named by their counter; the rest by address.
 */
export interface ScreenView {
  kind: string;
  counter: number | null;
  printerId: string | null;
  address: string;
  connected: boolean;
  /** Up since, or gone since (ms). */
  since: number;
}

/** `GET /api/status`: the technician's strip, everything that must be green at a glance. */
export interface StatusStrip {
  /** Null while no QMS is configured (standalone). */
  qms: { state: FailoverState; probes: { label: string; last: ProbeResult | null }[] } | null;
  /** The center's own network (router, Internet), each role watched. */
  network: { role: 'gateway' | 'internet'; ok: boolean; detail: string | null }[];
  printers: PrinterView[];
  screens: ScreenView[];
}

/** Sent to a socket whose session has ended (logout, expiry, lock, disabled, new secret). */
export interface SessionEnded {
  reason: 'logout' | 'expired' | 'locked' | 'disabled' | 'secret_changed';
}

/** `GET /api/health`: 200 whenever the process serves; degraded parts in the body. */
export interface Health {
  status: 'ok' | 'degraded';
  mode: FailoverMode;
  failover: FailoverStatus;
  printers: PrinterView[];
  /** Connected screens by what they are: public kinds as claimed, signed-in pages by role. */
  devices: Record<string, number>;
  version: string;
  uptimeSeconds: number;
}

/** One probe attempt (with its quick retry) as the technician's chart draws it. */
export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  error: string | null;
  at: number;
}

export interface ProbeView {
  label: string;
  role: 'qms' | 'gateway' | 'internet';
  results: ProbeResult[];
  last: ProbeResult | null;
}

export interface TransitionView {
  at: string;
  from: FailoverState;
  to: FailoverState;
  cause: string;
  drill: boolean;
  /** Who moved it by hand (display name); null when the watcher did. */
  by: string | null;
  /** The reason they typed. */
  reason: string | null;
}

export interface DrillView {
  id: number;
  startedAt: string;
  startedBy: string | null;
  note: string | null;
  participants: string[];
  endedAt: string | null;
  endedBy: string | null;
  secondsToFirstTicket: number | null;
  secondsToFirstCall: number | null;
}

/** `GET /api/failover`: the technician's view of the watcher. */
export interface FailoverView extends FailoverStatus {
  probes: ProbeView[];
  transitions?: TransitionView[];
  fallbackWaiting?: number;
  lastDrill?: DrillView | null;
}

export type Role = 'staff' | 'leader' | 'technician';

/** An account as the API shows it: never its secret or hash. */
export interface AccountView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locked: boolean;
  lockedUntil: string | null;
  active: boolean;
  hasPassword: boolean;
  /** Given by a technician (new, reset): to be changed by its owner before anything else. */
  mustChange: boolean;
}
