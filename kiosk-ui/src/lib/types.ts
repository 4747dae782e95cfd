/** The shapes the server sends: the screen contract shared with the server, so the two never drift. */
export type {
  AccountView,
  CallView,
  CounterTaken,
  CounterView,
  EventMessage,
  FailoverStatus,
  FailoverView,
  Health,
  IssuedTicket,
  JobView,
  PrinterView,
  ProbeResult,
  ServiceView,
  SessionEnded,
  Snapshot as ScreenSnapshot,
  TicketView,
} from '../../../contract/screen.js';
