/**
 * Tables of the queue module. Times are epoch milliseconds; `day` is the business day
 * (see day.ts) so numbering and reports never depend on the server's own time zone.
 */
export const queueSchema = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  prefix TEXT NOT NULL UNIQUE,
  first_number INTEGER NOT NULL DEFAULT 1 CHECK (first_number >= 0),
  width INTEGER NOT NULL DEFAULT 3 CHECK (width BETWEEN 1 AND 6),
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE counters (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'closed' CHECK (status IN ('closed', 'open', 'paused')),
  pause_reason TEXT,
  account_id INTEGER REFERENCES accounts(id)
);

CREATE TABLE counter_services (
  counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id),
  PRIMARY KEY (counter_id, service_id)
);

-- The last number handed out per service and business day. Incremented in the same
-- transaction that inserts the ticket, so a crash can never hand the same number out twice.
CREATE TABLE number_sequences (
  service_id INTEGER NOT NULL REFERENCES services(id),
  day TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (service_id, day)
);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  service_id INTEGER NOT NULL REFERENCES services(id),
  number TEXT NOT NULL,
  -- kiosk: numbered here; transfer: continues another ticket; manual: a number called by
  -- hand from an old QMS ticket.
  origin TEXT NOT NULL CHECK (origin IN ('kiosk', 'transfer', 'manual')),
  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')),
  issued_at INTEGER NOT NULL,
  -- place in line: the original issue time, kept across transfers
  queue_at INTEGER NOT NULL,
  counter_id INTEGER REFERENCES counters(id),
  target_counter_id INTEGER REFERENCES counters(id),
  transferred_from INTEGER REFERENCES tickets(id),
  called_at INTEGER,
  finished_at INTEGER,
  idempotency_key TEXT,
  client TEXT
);
-- Partial indexes where most rows would hold NULL: each index a kiosk tap need not update is
-- a page less to write and sync before the ticket is acknowledged.
CREATE UNIQUE INDEX tickets_idempotency ON tickets(idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX tickets_number_once_a_day ON tickets(day, number) WHERE origin = 'kiosk';
CREATE INDEX tickets_waiting ON tickets(day, status, service_id, priority DESC, queue_at);
CREATE INDEX tickets_counter ON tickets(counter_id, status) WHERE counter_id IS NOT NULL;

-- How many wait in each service's line (tickets sent to one counter aside), kept by triggers in
-- the same transaction as the change, so the count every event carries is exact and costs one
-- row read, however long the line.
CREATE TABLE waiting_counts (
  day TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, service_id)
);
CREATE TRIGGER waiting_in AFTER INSERT ON tickets
  WHEN NEW.status = 'waiting' AND NEW.target_counter_id IS NULL
  BEGIN
    INSERT INTO waiting_counts (day, service_id, n) VALUES (NEW.day, NEW.service_id, 1)
      ON CONFLICT (day, service_id) DO UPDATE SET n = n + 1;
  END;
CREATE TRIGGER waiting_out AFTER UPDATE OF status ON tickets
  WHEN OLD.status = 'waiting' AND NEW.status <> 'waiting' AND OLD.target_counter_id IS NULL
  BEGIN
    UPDATE waiting_counts SET n = n - 1 WHERE day = OLD.day AND service_id = OLD.service_id;
  END;
CREATE TRIGGER waiting_back AFTER UPDATE OF status ON tickets
  WHEN OLD.status <> 'waiting' AND NEW.status = 'waiting' AND NEW.target_counter_id IS NULL
  BEGIN
    INSERT INTO waiting_counts (day, service_id, n) VALUES (NEW.day, NEW.service_id, 1)
      ON CONFLICT (day, service_id) DO UPDATE SET n = n + 1;
  END;

CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  counter_id INTEGER REFERENCES counters(id),
  account_id INTEGER REFERENCES accounts(id),
  detail TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id);
CREATE TRIGGER ticket_events_append_only_u BEFORE UPDATE ON ticket_events
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TRIGGER ticket_events_append_only_d BEFORE DELETE ON ticket_events
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

CREATE TABLE counter_events (
  id INTEGER PRIMARY KEY,
  counter_id INTEGER NOT NULL REFERENCES counters(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('open', 'pause', 'resume', 'close')),
  reason TEXT,
  account_id INTEGER REFERENCES accounts(id)
);
`;

/**
 * Indexes that keep calling and snapshots independent of how many tickets a day or the whole
 * history holds: the head of a line, the tickets sent to one counter, the tickets at counters
 * now, and the latest calls, each found without scanning.
 */
export const queueIndexes = `
CREATE INDEX tickets_targeted ON tickets(target_counter_id, day, status) WHERE target_counter_id IS NOT NULL;
CREATE INDEX tickets_current ON tickets(counter_id) WHERE status IN ('called', 'serving');
CREATE INDEX ticket_events_calls ON ticket_events(id) WHERE kind IN ('called', 'recalled', 'manual_call');
`;

/** A counter is held by one session of its clerk, and released when that session ends. */
export const counterHolders = `
ALTER TABLE counters ADD COLUMN session_hash TEXT;
`;

/** Whether a ticket was issued while the appliance stood in for QMS: the quarterly report counts them. */
export const ticketFallback = `
ALTER TABLE tickets ADD COLUMN fallback INTEGER NOT NULL DEFAULT 0 CHECK (fallback IN (0, 1));
`;

/**
 * What a technician sets up from the browser: a cap on the numbers a service gives per session
 * (morning, afternoon), and whether a counter calls priority tickets first.
 */
export const queueSetup = `
ALTER TABLE services ADD COLUMN cap_per_session INTEGER CHECK (cap_per_session IS NULL OR cap_per_session > 0);
ALTER TABLE counters ADD COLUMN priority_first INTEGER NOT NULL DEFAULT 1 CHECK (priority_first IN (0, 1));
`;

/**
 * The token of a ticket's live page (`/t/:token`): 128 random bits, so the link a citizen
 * scans names their ticket without giving away its id or letting anyone walk the others.
 */
export const ticketPublicToken = `
ALTER TABLE tickets ADD COLUMN public_token TEXT;
CREATE UNIQUE INDEX tickets_public_token ON tickets (public_token) WHERE public_token IS NOT NULL;
`;

/**
 * A ticket's live-page token is derived from its id (public-token.ts) instead of stored: the
 * unique index of random tokens cost each kiosk tap a write to a random page. A link printed
 * before this update no longer opens (a link lasts only the day it was printed). A live page
 * follows a transfer through `transferred_from`, indexed only where a transfer set it.
 */
export const ticketTokenDerived = `
DROP INDEX tickets_public_token;
ALTER TABLE tickets DROP COLUMN public_token;
CREATE INDEX tickets_transfers ON tickets(transferred_from) WHERE transferred_from IS NOT NULL;
`;

/**
 * A counter's current ticket is read on every counter action, three times. Indexed by the
 * counter alone, SQLite took another index and sorted what it found (33 µs a read); in calling
 * order under the counter, the newest is the last entry (6 µs).
 */
export const ticketCurrentOrdered = `
DROP INDEX tickets_current;
CREATE INDEX tickets_current ON tickets(counter_id, called_at, id) WHERE status IN ('called', 'serving');
`;
