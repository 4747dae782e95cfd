import { authSchema, loginThrottleSchema, secretChange } from '../auth/schema.js';
import { failoverSchema, transitionPeople } from '../failover/schema.js';
import { incidentsSchema } from '../incidents/schema.js';
import { intakeSchema } from '../intake/schema.js';
import { lifecycleSchema } from '../lifecycle/schema.js';
import { noticesSchema } from '../notices/schema.js';
import { printingSchema, printJobStarts } from '../printing/schema.js';
import {
  counterHolders,
  queueIndexes,
  queueSchema,
  queueSetup,
  ticketCurrentOrdered,
  ticketFallback,
  ticketPublicToken,
  ticketTokenDerived,
} from '../queue/schema.js';
import { ratingsSchema } from '../ratings/schema.js';
import { hoursSchema, settingsSchema } from '../setup/schema.js';
import { statsSchema } from '../stats/schema.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Append only: never edit or reorder an entry that has shipped; add a new one. */
export const migrations: readonly Migration[] = [
  { id: 1, name: 'auth', sql: authSchema },
  { id: 2, name: 'queue', sql: queueSchema },
  { id: 3, name: 'failover', sql: failoverSchema },
  { id: 4, name: 'printing', sql: printingSchema },
  { id: 5, name: 'lifecycle', sql: lifecycleSchema },
  { id: 6, name: 'queue-indexes', sql: queueIndexes },
  { id: 7, name: 'login-throttle', sql: loginThrottleSchema },
  { id: 8, name: 'counter-holders', sql: counterHolders },
  { id: 9, name: 'print-job-starts', sql: printJobStarts },
  { id: 10, name: 'ticket-fallback', sql: ticketFallback },
  { id: 11, name: 'incidents', sql: incidentsSchema },
  { id: 12, name: 'notices', sql: noticesSchema },
  { id: 13, name: 'intake', sql: intakeSchema },
  { id: 14, name: 'queue-setup', sql: queueSetup },
  { id: 15, name: 'hours', sql: hoursSchema },
  { id: 16, name: 'secret-change', sql: secretChange },
  { id: 17, name: 'stats', sql: statsSchema },
  { id: 18, name: 'settings', sql: settingsSchema },
  { id: 19, name: 'failover-transition-people', sql: transitionPeople },
  { id: 20, name: 'ticket-public-token', sql: ticketPublicToken },
  { id: 21, name: 'ratings', sql: ratingsSchema },
  { id: 22, name: 'ticket-token-derived', sql: ticketTokenDerived },
  { id: 23, name: 'ticket-current-ordered', sql: ticketCurrentOrdered },
];
