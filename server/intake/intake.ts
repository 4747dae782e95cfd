import type {
  CalendarDay,
  IntakeCreated,
  IntakeDocument,
  IntakeListItem,
  IntakeRecordView,
  IntakeStatus,
  IntakeSummary,
  ProcedureView,
  ReturnMethod,
} from '../../contract/intake.js';
import { type Actor, actorName } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { DAY_MS, localTime, startOfLocalDay } from '../day.js';
import { atomically, type Db } from '../db/open.js';
import { Where } from '../db/where.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { DomainBus } from '../events.js';
import type { ReceiptPrint } from '../printing/receipt-layout.js';
import { idNumberProblem, phoneProblem, taxCodeProblem } from './identity.js';
import { STARTING_PROCEDURES } from './procedures.js';
import { ANNOUNCED_2026, type Override, WorkCalendar } from './workdays.js';

/** Why intake went on paper: the plan's incident types it answers. */
export const INTAKE_REASONS = {
  '2.4': 'phần mềm một cửa không hoạt động',
  '2.5': 'không tra cứu được cơ sở dữ liệu quốc gia',
  '2.3': 'mất kết nối mạng',
  '2.7': 'mất điện',
  khac: 'sự cố kỹ thuật',
} as const;
export type IntakeReason = keyof typeof INTAKE_REASONS;

export interface NewIntake {
  applicant: { fullName: string; idNumber: string; phone?: string; address?: string };
  organization?: { name: string; taxCode?: string };
  procedureId: number;
  documents: IntakeDocument[];
  sets: number;
  fee?: number;
  note?: string;
  returnMethod?: ReturnMethod;
  reason?: IntakeReason;
  /** A national database that could not be queried (plan 2.5): the record awaits the lookup. */
  lookupFailed?: string;
  /** When the dossier was really received, for a record first written on paper. */
  receivedAt?: number;
}

/** Queues a receipt's print job inside the record's transaction; `after` runs once committed. */
export type ReceiptJobs = (
  receipt: ReceiptPrint,
  intakeId: number,
  printerId: string | undefined,
  by: string | null,
) => { id: number; after: () => void } | null;

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  timezone: string;
  /** Months after return before a record's personal data is blanked. */
  retentionMonths: number;
  logError: (err: unknown) => void;
  /** The agency named on receipts: the center, whose name a technician may change while it runs. */
  center: { readonly name: string };
  receipts: ReceiptJobs;
}

interface Row {
  id: number;
  code: string;
  book: number;
  book_line: number;
  applicant_name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  org_name: string | null;
  org_tax_code: string | null;
  procedure_id: number;
  procedure_name: string;
  procedure_field: string;
  processing_days: number;
  documents: string;
  sets: number;
  fee: number | null;
  note: string;
  return_method: ReturnMethod;
  reason: string;
  lookup_failed: string | null;
  staff_name: string;
  received_at: number;
  recorded_at: number;
  appointment_at: number;
  status: IntakeStatus;
  official_code: string | null;
  entered_at: number | null;
  entered_by: string | null;
  returned_at: number | null;
  anonymized_at: number | null;
}

interface ProcedureRow {
  id: number;
  name: string;
  field: string;
  processing_days: number;
  active: number;
}

const SWEEP_MS = 6 * 3_600_000;
/** A record written on paper during an outage is entered within days, not months. */
const BACKDATE_LIMIT_MS = 90 * DAY_MS;
/** Same-day procedures received after this are returned the next working day (Decree 23/2015). */
const SAME_DAY_CUTOFF = '15:00';
const OPENS = '08:00';
const RETURNS_BY = '16:30';
export const ANONYMIZED = '(đã ẩn danh)';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const field = (name: string, problem: string) =>
  badRequest('invalid_request', `Trường "${name}" sai: ${problem}.`);
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The official dossier code of the provincial system: `<agency code>-YYMMDD-NNNN`, the agency
 * code being letters, digits and dots (`H40.12.5`, `000.00.25.H40`).
 */
export function officialCodeProblem(code: string): string | null {
  const m = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*-(\d{2})(\d{2})(\d{2})-\d{4}$/.exec(code);
  if (!m) return 'mã hồ sơ phải có dạng <mã cơ quan>-YYMMDD-NNNN, ví dụ H40.12.5-261123-0007';
  const [, yy, mm, dd] = m;
  const date = new Date(Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) {
    return `mã hồ sơ có ngày ${dd}/${mm}/${yy} không có thật`;
  }
  return null;
}

/**
 * The paper intake register: records received during an outage, their receipts, their
 * appointments in working days, and the worklist of what is still to be entered in the
 * provincial system. Every change is told as `intake.changed` with the worklist's counts only.
 */
export class Intake {
  readonly #d: IntakeDeps;
  #calendar: WorkCalendar | null = null;
  #sweep: NodeJS.Timeout | null = null;

  constructor(deps: IntakeDeps) {
    this.#d = deps;
  }

  /** Blanks what the retention allows at start and every few hours after. */
  start(): void {
    const run = () => {
      try {
        const before = new Date(this.#d.clock.now());
        before.setUTCMonth(before.getUTCMonth() - this.#d.retentionMonths);
        this.anonymize(before.getTime());
      } catch (err) {
        this.#d.logError(err);
      }
    };
    run();
    this.#sweep = setInterval(run, SWEEP_MS);
    this.#sweep.unref();
  }

  stop(): void {
    if (this.#sweep) clearInterval(this.#sweep);
  }

  /** The starting list of procedures and 2026's announced schedule, once, on a new database. */
  seed(): void {
    const { db, clock } = this.#d;
    if ((db.prepare('SELECT count(*) AS n FROM procedures').get() as { n: number }).n > 0) return;
    const now = clock.now();
    atomically(db, () => {
      const insert = db.prepare(
        'INSERT INTO procedures (name, field, processing_days, position, updated_at) VALUES (?, ?, ?, ?, ?)',
      );
      for (const [i, p] of STARTING_PROCEDURES.entries())
        insert.run(p.name, p.field, p.processingDays, i, now);
      const day = db.prepare(
        "INSERT OR IGNORE INTO calendar_overrides (date, kind, note, updated_by, updated_at) VALUES (?, ?, ?, 'Lịch công bố 2026', ?)",
      );
      for (const o of ANNOUNCED_2026) day.run(o.date, o.kind, o.note, now);
    });
  }

  // --- procedures ----------------------------------------------------------------------

  procedures(includeInactive = false): ProcedureView[] {
    const rows = this.#d.db
      .prepare(`SELECT * FROM procedures ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY position, id`)
      .all() as ProcedureRow[];
    return rows.map(procedureView);
  }

  saveProcedure(input: Omit<ProcedureView, 'id'> & { id?: number }): ProcedureView {
    const { db, clock } = this.#d;
    const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
    // Two entries of one name would split a procedure's dossiers and times between them.
    const twin = db
      .prepare('SELECT id FROM procedures WHERE name = ? AND id IS NOT ?')
      .get(name, input.id ?? null) as { id: number } | undefined;
    if (twin) throw conflict('procedure_exists', `Thủ tục "${name}" đã có trong danh mục.`);
    const values = [name, input.field.trim(), input.processingDays, input.active ? 1 : 0, clock.now()];
    const row = (
      input.id === undefined
        ? db
            .prepare(
              `INSERT INTO procedures (name, field, processing_days, active, updated_at, position)
               VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM procedures)) RETURNING *`,
            )
            .get(...values)
        : db
            .prepare(
              'UPDATE procedures SET name = ?, field = ?, processing_days = ?, active = ?, updated_at = ? WHERE id = ? RETURNING *',
            )
            .get(...values, input.id)
    ) as ProcedureRow | undefined;
    if (!row) throw notFound(`thủ tục ${input.id}`);
    return procedureView(row);
  }

  // --- the working-day calendar ------------------------------------------------------------

  calendar(): WorkCalendar {
    if (!this.#calendar) {
      const overrides = this.#d.db
        .prepare('SELECT date, kind, note FROM calendar_overrides ORDER BY date')
        .all() as Override[];
      this.#calendar = new WorkCalendar(overrides);
    }
    return this.#calendar;
  }

  /** The days a technician entered from the Government's announcements. */
  overrides(): Override[] {
    return this.#d.db
      .prepare('SELECT date, kind, note FROM calendar_overrides ORDER BY date')
      .all() as Override[];
  }

  schedule(year: number): CalendarDay[] {
    return this.calendar().schedule(year);
  }

  /** A technician enters the announced schedule: a weekday off, a Saturday worked, or neither. */
  setDay(date: string, kind: 'off' | 'work' | null, note: string, actor: Actor): void {
    const { db, clock } = this.#d;
    if (kind === null) db.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(date);
    else
      db.prepare(
        `INSERT INTO calendar_overrides (date, kind, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, note = excluded.note,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(date, kind, note.trim(), actorName(actor), clock.now());
    this.#calendar = null;
  }

  /**
   * When the result is due: the `days`th working day after the day received, at the hour it was
   * received (within office hours). Within the day: by the end of the afternoon, or the next
   * working day when received after 15:00 or on a day off.
   */
  appointment(receivedAt: number, days: number): number {
    const tz = this.#d.timezone;
    const cal = this.calendar();
    const { date, time } = localTime(receivedAt, tz);
    let day: string;
    let at: string;
    if (days === 0) {
      day = cal.isWorkingDay(date) && time < SAME_DAY_CUTOFF ? date : cal.addWorkingDays(date, 1);
      at = RETURNS_BY;
    } else {
      day = cal.addWorkingDays(date, days);
      const hhmm = time.slice(0, 5);
      at = hhmm < OPENS ? OPENS : hhmm > RETURNS_BY ? RETURNS_BY : hhmm;
    }
    return startOfLocalDay(day, tz) + minutesOf(at) * 60_000;
  }

  // --- records -------------------------------------------------------------------------

  #check(input: NewIntake, now: number): ProcedureRow {
    const a = input.applicant;
    if (!a.fullName.trim()) throw field('applicant.fullName', 'họ và tên là bắt buộc');
    const year = Number(localTime(now, this.#d.timezone).date.slice(0, 4));
    const id = idNumberProblem(a.idNumber, year);
    if (id) throw field('applicant.idNumber', id);
    const phone = a.phone?.trim() ? phoneProblem(a.phone) : null;
    if (phone) throw field('applicant.phone', phone);
    const tax = input.organization?.taxCode?.trim()
      ? taxCodeProblem(input.organization.taxCode.trim())
      : null;
    if (tax) throw field('organization.taxCode', tax);
    if (input.documents.some((d) => !d.name.trim())) throw field('documents', 'mỗi giấy tờ phải có tên');
    if (input.receivedAt !== undefined) {
      if (input.receivedAt > now + 5 * 60_000) throw field('receivedAt', 'thời điểm nhận hồ sơ ở tương lai');
      if (input.receivedAt < now - BACKDATE_LIMIT_MS) {
        throw field('receivedAt', 'chỉ ghi lại hồ sơ nhận trên giấy trong 90 ngày gần đây');
      }
    }
    const procedure = this.#d.db
      .prepare('SELECT * FROM procedures WHERE id = ? AND active = 1')
      .get(input.procedureId) as ProcedureRow | undefined;
    if (!procedure) throw field('procedureId', `không có thủ tục số ${input.procedureId} trong danh mục`);
    return procedure;
  }

  /** Takes a number from the counter `key` in the open transaction. */
  #next(key: string): number {
    return (
      this.#d.db
        .prepare(
          `INSERT INTO intake_counters (key, last) VALUES (?, 1)
           ON CONFLICT (key) DO UPDATE SET last = last + 1 RETURNING last`,
        )
        .get(key) as { last: number }
    ).last;
  }

  /**
   * Records a dossier and queues its receipt in one transaction: once answered, the record, its
   * code and its receipt survive a crash, and no code is ever given twice.
   */
  create(input: NewIntake, actor: Actor, printerId?: string): IntakeCreated {
    const { db, clock, timezone } = this.#d;
    const now = clock.now();
    const procedure = this.#check(input, now);
    const receivedAt = Math.min(input.receivedAt ?? now, now);
    const appointmentAt = this.appointment(receivedAt, procedure.processing_days);
    const local = localTime(receivedAt, timezone).date;
    const yymmdd = local.slice(2).replaceAll('-', '');
    const reason = input.reason ?? (input.lookupFailed ? '2.5' : '2.4');
    const status: IntakeStatus = input.lookupFailed ? 'awaiting_lookup' : 'received';
    const staff = actorName(actor);
    const org = input.organization?.name.trim() ? input.organization : undefined;
    const write = db.transaction(() => {
      const code = `TS-${yymmdd}-${String(this.#next(`day:${yymmdd}`)).padStart(4, '0')}`;
      const book = Number(local.slice(0, 4));
      const row = db
        .prepare(
          `INSERT INTO intake_records (code, book, book_line, applicant_name, id_number, phone, address,
             org_name, org_tax_code, procedure_id, procedure_name, procedure_field, processing_days,
             documents, sets, fee, note, return_method, reason, lookup_failed, staff_account_id, staff_name,
             received_at, recorded_at, appointment_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          code,
          book,
          this.#next(`book:${book}`),
          input.applicant.fullName.trim(),
          input.applicant.idNumber,
          input.applicant.phone?.trim() || null,
          input.applicant.address?.trim() || null,
          org?.name.trim() ?? null,
          org?.taxCode?.trim() || null,
          procedure.id,
          procedure.name,
          procedure.field,
          procedure.processing_days,
          JSON.stringify(input.documents.map((d) => ({ ...d, name: d.name.trim() }))),
          input.sets,
          input.fee ?? null,
          input.note?.trim() ?? '',
          input.returnMethod ?? 'counter',
          reason,
          input.lookupFailed?.trim() || null,
          actor.accountId,
          staff,
          receivedAt,
          now,
          appointmentAt,
          status,
        ) as Row;
      const job = this.#d.receipts(this.#receipt(row, false), row.id, printerId, staff);
      return { row, job };
    });
    const { row, job } = write.immediate();
    job?.after();
    this.#changed();
    return {
      id: row.id,
      code: row.code,
      receivedAt: iso(row.received_at) as string,
      appointmentAt: iso(row.appointment_at) as string,
      status: row.status,
      printJobId: job?.id ?? null,
    };
  }

  #row(id: number): Row {
    const row = this.#d.db.prepare('SELECT * FROM intake_records WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw notFound(`hồ sơ tiếp nhận ${id}`);
    return row;
  }

  #receipt(row: Row, reprint: boolean): ReceiptPrint {
    return {
      agency: this.#d.center.name,
      code: row.code,
      applicant: row.org_name ? `${row.applicant_name} (${row.org_name})` : row.applicant_name,
      phone: row.phone,
      procedure: row.procedure_name,
      documents: JSON.parse(row.documents) as IntakeDocument[],
      sets: row.sets,
      processingDays: row.processing_days,
      receivedAt: row.received_at,
      appointmentAt: row.appointment_at,
      returnMethod: row.return_method,
      reason: reasonText(row.reason, row.lookup_failed),
      staff: row.staff_name,
      timezone: this.#d.timezone,
      reprint,
    };
  }

  /** The receipt as printed, for the A4 form. */
  receipt(id: number): ReceiptPrint & { book: number; bookLine: number; address: string | null } {
    const row = this.#row(id);
    if (row.anonymized_at !== null) throw conflict('anonymized', `Hồ sơ ${row.code} đã được ẩn danh.`);
    return { ...this.#receipt(row, false), book: row.book, bookLine: row.book_line, address: row.address };
  }

  reprint(id: number, printerId: string | undefined, actor: Actor): number {
    const row = this.#row(id);
    if (row.anonymized_at !== null) throw conflict('anonymized', `Hồ sơ ${row.code} đã được ẩn danh.`);
    const job = atomically(this.#d.db, () =>
      this.#d.receipts(this.#receipt(row, true), row.id, printerId, actorName(actor)),
    );
    if (!job) throw conflict('no_printer', 'Chưa cấu hình máy in nào.');
    job.after();
    return job.id;
  }

  list(filter: { status?: IntakeStatus[]; from?: number; to?: number } = {}): IntakeListItem[] {
    const where = new Where();
    if (filter.status?.length)
      where.and(`status IN (${filter.status.map(() => '?').join(', ')})`, ...filter.status);
    if (filter.from !== undefined) where.and('received_at >= ?', filter.from);
    if (filter.to !== undefined) where.and('received_at < ?', filter.to);
    const rows = this.#d.db
      .prepare(`SELECT * FROM intake_records ${where} ORDER BY received_at, id`)
      .all(...where.args) as Row[];
    return rows.map(listItem);
  }

  get(id: number): IntakeRecordView {
    return recordView(this.#row(id));
  }

  /** Entered in the provincial system under its official code. */
  entered(id: number, officialCode: string, actor: Actor): IntakeRecordView {
    const code = officialCode.trim().toUpperCase();
    const problem = officialCodeProblem(code);
    if (problem) throw field('officialCode', problem);
    const row = this.#row(id);
    if (row.status === 'entered' || row.status === 'returned') {
      throw conflict('already_entered', `Hồ sơ ${row.code} đã được nhập với mã ${row.official_code}.`);
    }
    const taken = this.#d.db.prepare('SELECT code FROM intake_records WHERE official_code = ?').get(code) as
      | { code: string }
      | undefined;
    if (taken) throw conflict('code_taken', `Mã ${code} đã dùng cho hồ sơ ${taken.code}.`);
    this.#d.db
      .prepare(
        "UPDATE intake_records SET status = 'entered', official_code = ?, entered_at = ?, entered_by = ? WHERE id = ?",
      )
      .run(code, this.#d.clock.now(), actorName(actor), id);
    this.#changed();
    return this.get(id);
  }

  /** The result handed to the citizen (or posted). */
  returned(id: number, actor: Actor): IntakeRecordView {
    const row = this.#row(id);
    if (row.status !== 'entered') {
      throw conflict('not_entered', `Hồ sơ ${row.code} chưa được nhập vào hệ thống của tỉnh.`);
    }
    this.#d.db
      .prepare("UPDATE intake_records SET status = 'returned', returned_at = ?, returned_by = ? WHERE id = ?")
      .run(this.#d.clock.now(), actorName(actor), id);
    this.#changed();
    return this.get(id);
  }

  summary(): IntakeSummary {
    const r = this.#d.db
      .prepare(
        `SELECT count(*) AS n, sum(status = 'awaiting_lookup') AS lookup, min(received_at) AS oldest
         FROM intake_records WHERE status IN ('received', 'awaiting_lookup')`,
      )
      .get() as { n: number; lookup: number | null; oldest: number | null };
    return { notEntered: r.n, awaitingLookup: r.lookup ?? 0, oldestNotEnteredAt: iso(r.oldest) };
  }

  /** Records received in a period, and how many of them have been entered since (the quarterly report). */
  counts(from: number, to: number): { received: number; reentered: number } {
    const r = this.#d.db
      .prepare(
        `SELECT count(*) AS received, count(entered_at) AS reentered FROM intake_records
         WHERE received_at >= ? AND received_at < ?`,
      )
      .get(from, to) as { received: number; reentered: number };
    return r;
  }

  /**
   * Blanks the personal data of records returned before `before`, and of their receipts' print
   * jobs; the record itself, its code, procedure and dates stay for the figures.
   */
  anonymize(before: number): number {
    const { db, clock } = this.#d;
    return atomically(db, () => {
      const ids = (
        db
          .prepare(
            "SELECT id FROM intake_records WHERE status = 'returned' AND returned_at < ? AND anonymized_at IS NULL",
          )
          .all(before) as { id: number }[]
      ).map((r) => r.id);
      if (ids.length === 0) return 0;
      const list = ids.join(', ');
      db.prepare(
        `UPDATE intake_records SET applicant_name = ?, id_number = NULL, phone = NULL, address = NULL,
           org_name = NULL, org_tax_code = NULL, note = '', anonymized_at = ? WHERE id IN (${list})`,
      ).run(ANONYMIZED, clock.now());
      db.prepare(`UPDATE print_jobs SET payload = '{}' WHERE intake_id IN (${list})`).run();
      return ids.length;
    });
  }

  #changed(): void {
    this.#d.bus.emit('intake.changed', { summary: this.summary() });
  }
}

export function reasonText(reason: string, lookupFailed: string | null): string {
  const text = INTAKE_REASONS[reason as IntakeReason] ?? INTAKE_REASONS.khac;
  return lookupFailed ? `${text} (${lookupFailed})` : text;
}

function procedureView(r: ProcedureRow): ProcedureView {
  return {
    id: r.id,
    name: r.name,
    field: r.field,
    processingDays: r.processing_days,
    active: r.active === 1,
  };
}

function listItem(r: Row): IntakeListItem {
  return {
    id: r.id,
    code: r.code,
    applicant: r.org_name ? `${r.applicant_name} (${r.org_name})` : r.applicant_name,
    procedure: r.procedure_name,
    receivedAt: iso(r.received_at) as string,
    appointmentAt: iso(r.appointment_at) as string,
    status: r.status,
    officialCode: r.official_code,
    lookupFailed: r.lookup_failed,
    staff: r.staff_name,
  };
}

function recordView(r: Row): IntakeRecordView {
  return {
    ...listItem(r),
    applicantDetail: {
      fullName: r.applicant_name,
      idNumber: r.id_number,
      phone: r.phone,
      address: r.address,
    },
    organization: r.org_name ? { name: r.org_name, taxCode: r.org_tax_code } : null,
    procedureId: r.procedure_id,
    procedureField: r.procedure_field,
    processingDays: r.processing_days,
    documents: JSON.parse(r.documents) as IntakeDocument[],
    sets: r.sets,
    fee: r.fee,
    note: r.note,
    returnMethod: r.return_method,
    reason: r.reason,
    book: r.book,
    bookLine: r.book_line,
    recordedAt: iso(r.recorded_at) as string,
    enteredAt: iso(r.entered_at),
    enteredBy: r.entered_by,
    returnedAt: iso(r.returned_at),
    anonymized: r.anonymized_at !== null,
  };
}
