/**
 * The paper intake register's contract (plan 2.4, 2.5): procedures, records, the re-entry
 * worklist and the working-day calendar. Types only, shared by the server and the pages.
 * Records hold personal data: they travel only to signed-in staff, never to a public socket.
 */

export type IntakeStatus = 'received' | 'awaiting_lookup' | 'entered' | 'returned';
export type ReturnMethod = 'counter' | 'post';

export interface ProcedureView {
  id: number;
  name: string;
  /** Lĩnh vực. */
  field: string;
  /** The statutory processing time in working days; 0 is within the day. */
  processingDays: number;
  active: boolean;
}

export interface IntakeDocument {
  name: string;
  copies: number;
  /** Bản chính (original) or bản sao (copy). */
  original: boolean;
}

/** The answer to `POST /api/intake`. */
export interface IntakeCreated {
  id: number;
  code: string;
  receivedAt: string;
  appointmentAt: string;
  status: IntakeStatus;
  /** The thermal receipt's print job, when a printer is configured. */
  printJobId: number | null;
}

/** One record as the register and the worklist list it. */
export interface IntakeListItem {
  id: number;
  code: string;
  applicant: string;
  procedure: string;
  receivedAt: string;
  appointmentAt: string;
  status: IntakeStatus;
  officialCode: string | null;
  lookupFailed: string | null;
  staff: string;
}

/** One record whole: `GET /api/intake/:id` (audited). */
export interface IntakeRecordView extends IntakeListItem {
  applicantDetail: {
    fullName: string;
    idNumber: string | null;
    phone: string | null;
    address: string | null;
  };
  organization: { name: string; taxCode: string | null } | null;
  procedureId: number;
  procedureField: string;
  processingDays: number;
  documents: IntakeDocument[];
  sets: number;
  fee: number | null;
  note: string;
  returnMethod: ReturnMethod;
  /** Why it was received on paper: the plan's incident type. */
  reason: string;
  book: number;
  bookLine: number;
  recordedAt: string;
  enteredAt: string | null;
  enteredBy: string | null;
  returnedAt: string | null;
  anonymized: boolean;
}

/** What the worklist counts: no personal data, so it may go to every signed-in screen. */
export interface IntakeSummary {
  /** Received on paper and not yet entered in the provincial system. */
  notEntered: number;
  awaitingLookup: number;
  oldestNotEnteredAt: string | null;
}

/** A day of the calendar that differs from Monday–Friday: off on a weekday, or a Saturday worked. */
export interface CalendarDay {
  date: string;
  off: boolean;
  reason: string;
  /** Entered by a technician from the year's announced schedule, not computed from the rules. */
  announced: boolean;
}
