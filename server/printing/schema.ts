/**
 * Print jobs. A ticket's job is written in the ticket's own transaction, so a committed
 * ticket always has its job; what is printed is kept (`payload`) so a reprint matches.
 */
export const printingSchema = `
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  printer_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'test')),
  ticket_id INTEGER REFERENCES tickets(id),
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'printed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  printed_at INTEGER,
  bytes INTEGER,
  requested_by TEXT
);
CREATE INDEX print_jobs_pending ON print_jobs(printer_id, id) WHERE status = 'queued';
CREATE INDEX print_jobs_printer ON print_jobs(printer_id, id);
CREATE INDEX print_jobs_ticket ON print_jobs(ticket_id);
`;

/** When a job's bytes began to go out: a job cut off mid-write is printed again as a reprint. */
export const printJobStarts = `
ALTER TABLE print_jobs ADD COLUMN started_at INTEGER;
`;
