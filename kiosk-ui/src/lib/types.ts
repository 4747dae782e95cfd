/** The shapes the server sends, taken from the server's own types so the two never drift. */
export type { CallView, CounterView, ServiceView, TicketView } from '../../../server/queue/types.js';

import type { PrinterView } from '../../../server/printing/types.js';
import type { CallView, CounterView, Snapshot, TicketView } from '../../../server/queue/types.js';

export type { JobView } from '../../../server/printing/jobs.js';
export type { PrinterView };

export interface ScreenSnapshot extends Snapshot {
  center: { name: string; timezone: string };
  printers: PrinterView[];
}

export interface EventMessage {
  version: number;
  ticket?: TicketView;
  counter?: CounterView;
  related?: TicketView[];
  waiting?: Record<string, number>;
  call?: CallView;
  announcement?: string;
  recall?: boolean;
  failover?: Snapshot['failover'];
}
