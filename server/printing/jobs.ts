import type { JobStatus, JobView } from '../../contract/screen.js';
import { type Db, relaxed } from '../db/open.js';
import type { ReceiptPrint } from './receipt-layout.js';
import type { TestPrint, TicketPrint } from './ticket-layout.js';

/** What a job prints, with the record it prints for. */
export type PrintPayload =
  | { kind: 'ticket'; payload: TicketPrint; ticketId: number }
  | { kind: 'test'; payload: TestPrint }
  | { kind: 'receipt'; payload: ReceiptPrint; intakeId: number };
export type PrintKind = PrintPayload['kind'];

export interface JobRow {
  id: number;
  printer_id: string;
  kind: PrintKind;
  ticket_id: number | null;
  intake_id: number | null;
  payload: string;
  status: Exclude<JobStatus, 'printing'>;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  printed_at: number | null;
  bytes: number | null;
  requested_by: string | null;
  /** When an attempt began sending its bytes; a later attempt prints it as a reprint. */
  started_at: number | null;
}

export const jobView = (row: JobRow): JobView => ({
  id: row.id,
  printerId: row.printer_id,
  kind: row.kind,
  ticketId: row.ticket_id,
  // What the job is known by: a ticket's number, a receipt's dossier code (never a name).
  number:
    row.kind === 'ticket'
      ? (JSON.parse(row.payload) as TicketPrint).number
      : row.kind === 'receipt'
        ? (JSON.parse(row.payload) as ReceiptPrint).code
        : null,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at,
  printedAt: row.printed_at,
});

export interface NewJob {
  printerId: string;
  job: PrintPayload;
  at: number;
  requestedBy: string | null;
}

/** The print jobs' SQL, prepared once. */
export function jobStore(db: Db) {
  const q = {
    insert: db.prepare<[Omit<JobRow, 'id'>]>(
      `INSERT INTO print_jobs (printer_id, kind, ticket_id, intake_id, payload, status, attempts, next_attempt_at,
         last_error, created_at, updated_at, printed_at, bytes, requested_by, started_at)
       VALUES (@printer_id, @kind, @ticket_id, @intake_id, @payload, @status, @attempts, @next_attempt_at,
         @last_error, @created_at, @updated_at, @printed_at, @bytes, @requested_by, @started_at)`,
    ),
    get: db.prepare<[number], JobRow>('SELECT * FROM print_jobs WHERE id = ?'),
    // The statements on queued jobs name their partial index: without statistics SQLite takes
    // `print_jobs_printer` just as readily, and walks every job the printer ever finished to find
    // the queued ones (5 ms a look after 13,000 jobs, on every job printed and every expiry).
    pending: db.prepare<[string], JobRow>(
      "SELECT * FROM print_jobs INDEXED BY print_jobs_pending WHERE printer_id = ? AND status = 'queued' ORDER BY id LIMIT 1",
    ),
    recent: db.prepare<[string, number], JobRow>(
      'SELECT * FROM print_jobs WHERE printer_id = ? ORDER BY id DESC LIMIT ?',
    ),
    ofTicket: db.prepare<[number], JobRow>(
      'SELECT * FROM print_jobs WHERE ticket_id = ? ORDER BY id DESC LIMIT 1',
    ),
    printed: db.prepare<[number, number, number, number]>(
      `UPDATE print_jobs SET status = 'printed', attempts = attempts + 1, last_error = NULL, printed_at = ?,
         updated_at = ?, bytes = ?
       WHERE id = ?`,
    ),
    retry: db.prepare<[string, number, number, number]>(
      `UPDATE print_jobs SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ?
       WHERE id = ?`,
    ),
    fail: db.prepare<[string, number, number]>(
      `UPDATE print_jobs SET status = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ?
       WHERE id = ?`,
    ),
    expire: db.prepare<[number, string, number]>(
      `UPDATE print_jobs INDEXED BY print_jobs_pending
       SET status = 'failed', last_error = 'Quá hạn: vé không còn cần in.', updated_at = ?
       WHERE printer_id = ? AND status = 'queued' AND kind = 'ticket' AND created_at < ?`,
    ),
    started: db.prepare<[number, number]>(
      'UPDATE print_jobs SET started_at = coalesce(started_at, ?) WHERE id = ?',
    ),
    retryNow: db.prepare<[number, string, number]>(
      `UPDATE print_jobs INDEXED BY print_jobs_pending SET next_attempt_at = ?
       WHERE printer_id = ? AND status = 'queued' AND next_attempt_at > ?`,
    ),
  };
  // An update's row is read back by id: `RETURNING *` doubled the statement's cost (SQLite gathers
  // returned rows in a temporary table it builds for each statement).
  const one = (id: number): JobRow => {
    const row = q.get.get(id);
    if (!row) throw new Error('print job vanished');
    return row;
  };
  return {
    /** A new job, written in the caller's transaction; the row is the one written, not read back. */
    insert({ printerId, job, at, requestedBy }: NewJob): JobRow {
      const row: Omit<JobRow, 'id'> = {
        printer_id: printerId,
        kind: job.kind,
        ticket_id: job.kind === 'ticket' ? job.ticketId : null,
        intake_id: job.kind === 'receipt' ? job.intakeId : null,
        payload: JSON.stringify(job.payload),
        status: 'queued',
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        created_at: at,
        updated_at: at,
        printed_at: null,
        bytes: null,
        requested_by: requestedBy,
        started_at: null,
      };
      return { id: Number(q.insert.run(row).lastInsertRowid), ...row };
    },
    get: (id: number) => q.get.get(id),
    /** The oldest unfinished job of a printer: jobs print in order, one at a time. */
    pending: (printerId: string) => q.pending.get(printerId),
    recent: (printerId: string, limit: number) => q.recent.all(printerId, limit),
    ofTicket: (ticketId: number) => q.ofTicket.get(ticketId),
    // What happens to a job after its ticket committed is bookkeeping: not worth an fsync each.
    printed: (id: number, at: number, bytes: number) =>
      relaxed(db, () => {
        q.printed.run(at, at, bytes, id);
        return one(id);
      }),
    retry: (id: number, reason: string, nextAt: number, at: number) =>
      relaxed(db, () => {
        q.retry.run(reason, nextAt, at, id);
        return one(id);
      }),
    fail: (id: number, reason: string, at: number) =>
      relaxed(db, () => {
        q.fail.run(reason, at, id);
        return one(id);
      }),
    /** Drops, in one statement, tickets queued before `before`: after a long stop there may be thousands. */
    expire: (printerId: string, before: number, at: number) =>
      relaxed(db, () => q.expire.run(at, printerId, before).changes),
    /** An attempt begins to send the job's bytes. */
    started: (id: number, at: number) => relaxed(db, () => q.started.run(at, id)),
    /** The printer is fit again: what waits for a retry may go at once. */
    retryNow: (printerId: string, at: number) => relaxed(db, () => q.retryNow.run(at, printerId, at).changes),
  };
}

export type JobStore = ReturnType<typeof jobStore>;
