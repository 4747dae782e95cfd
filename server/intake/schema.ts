/**
 * The paper intake register (plan 2.4, 2.5): dossiers received on paper while the dossier
 * software or a national database is down, each with its receipt, until they are entered in
 * the provincial system and their result returned. Records are never deleted: personal data
 * is blanked (anonymized) once the retention after return has passed.
 */
export const intakeSchema = `
CREATE TABLE procedures (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  -- Lĩnh vực: Hộ tịch, Chứng thực, Đất đai…
  field TEXT NOT NULL,
  -- The statutory processing time in working days; 0 is within the day.
  processing_days INTEGER NOT NULL CHECK (processing_days BETWEEN 0 AND 365),
  active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

-- A year's schedule as announced: a weekday off or a Saturday worked, over the rules.
CREATE TABLE calendar_overrides (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
  note TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The last number given each day (YYMMDD of the receipt's date) and each year's register.
CREATE TABLE intake_counters (
  key TEXT PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE intake_records (
  id INTEGER PRIMARY KEY,
  -- TS-YYMMDD-NNNN: unique, shaped like the official code's date and sequence.
  code TEXT NOT NULL UNIQUE,
  -- "Vào Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …": the year's book and the line in it.
  book INTEGER NOT NULL,
  book_line INTEGER NOT NULL,
  applicant_name TEXT NOT NULL,
  id_number TEXT,
  phone TEXT,
  address TEXT,
  org_name TEXT,
  org_tax_code TEXT,
  procedure_id INTEGER NOT NULL REFERENCES procedures(id),
  -- The procedure as it was when received: a later edit of the list does not change a receipt.
  procedure_name TEXT NOT NULL,
  procedure_field TEXT NOT NULL,
  processing_days INTEGER NOT NULL,
  documents TEXT NOT NULL,
  sets INTEGER NOT NULL,
  fee INTEGER,
  note TEXT NOT NULL DEFAULT '',
  return_method TEXT NOT NULL CHECK (return_method IN ('counter', 'post')),
  -- Why on paper: the plan's incident type (2.4 software, 2.5 national database…).
  reason TEXT NOT NULL,
  -- For awaiting_lookup: which national database could not be queried.
  lookup_failed TEXT,
  staff_account_id INTEGER REFERENCES accounts(id),
  staff_name TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  appointment_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'awaiting_lookup', 'entered', 'returned')),
  official_code TEXT UNIQUE,
  entered_at INTEGER,
  entered_by TEXT,
  returned_at INTEGER,
  returned_by TEXT,
  anonymized_at INTEGER
);
CREATE INDEX intake_status ON intake_records(status, received_at);
CREATE INDEX intake_received ON intake_records(received_at);

-- Receipts print as jobs of their own kind: the table is rebuilt for the wider CHECK.
CREATE TABLE print_jobs_new (
  id INTEGER PRIMARY KEY,
  printer_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'test', 'receipt')),
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
  requested_by TEXT,
  started_at INTEGER,
  intake_id INTEGER REFERENCES intake_records(id)
);
INSERT INTO print_jobs_new (id, printer_id, kind, ticket_id, payload, status, attempts, next_attempt_at,
  last_error, created_at, updated_at, printed_at, bytes, requested_by, started_at)
SELECT id, printer_id, kind, ticket_id, payload, status, attempts, next_attempt_at,
  last_error, created_at, updated_at, printed_at, bytes, requested_by, started_at FROM print_jobs;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_new RENAME TO print_jobs;
CREATE INDEX print_jobs_pending ON print_jobs(printer_id, id) WHERE status = 'queued';
CREATE INDEX print_jobs_printer ON print_jobs(printer_id, id);
CREATE INDEX print_jobs_ticket ON print_jobs(ticket_id);
CREATE INDEX print_jobs_intake ON print_jobs(intake_id) WHERE intake_id IS NOT NULL;
`;
