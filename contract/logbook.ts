/**
 * The log book's contract (sổ theo dõi sự cố kỹ thuật): incidents, their playbooks and
 * contacts, and the notices of plan 2.9. Types only, shared by the server and the pages.
 */

import type { RatingFigures } from './ratings.js';

/** The plan's incident types, section II, and "khác" for anything else. */
export const INCIDENT_TYPES = [
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '2.6',
  '2.7',
  '2.8',
  '2.9',
  'khac',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** The plan sorts incidents into simple ones, handled on the spot, and complex ones. */
export type IncidentGroup = 'simple' | 'complex';
export type IncidentStatus = 'open' | 'escalated' | 'resolved';
export type IncidentSource = 'auto' | 'manual';

/** A row of `GET /api/incidents` and the `incident.changed` socket event. */
export interface IncidentSummary {
  id: number;
  type: IncidentType;
  title: string;
  group: IncidentGroup;
  status: IncidentStatus;
  source: IncidentSource;
  openedAt: string;
  escalatedAt: string | null;
  resolvedAt: string | null;
  /** From opening to resolution, or to now while open. */
  downtimeMs: number;
  detectedBy: string;
}

export interface Phone {
  label: string;
  number: string;
}

export interface ContactView {
  id: number;
  name: string;
  /** The unit or company: "VNPT Nghệ An", "Chi nhánh điện lực Tân Kỳ". */
  unit: string;
  /** What they are called for: "Internet, QMS 1.2". */
  role: string;
  phones: Phone[];
  note: string;
  active: boolean;
}

/** The plan's text for one incident type, one version of it: an incident keeps its own. */
export interface PlaybookView {
  id: number;
  type: IncidentType;
  version: number;
  title: string;
  group: IncidentGroup;
  symptoms: string;
  steps: string[];
  responsible: string;
  contactIds: number[];
  createdAt: string;
  createdBy: string;
}

export type EntryKind = 'step' | 'note' | 'contact' | 'escalate' | 'resolve' | 'correction';

/** Something done or written about an incident; never changed, a correction is a new entry. */
export interface IncidentEntryView {
  id: number;
  at: string;
  kind: EntryKind;
  /** The playbook step ticked (from 0). */
  step: number | null;
  text: string;
  contact: { id: number; name: string; unit: string } | null;
  by: string;
  /** The entry a correction corrects. */
  corrects: number | null;
}

export interface IncidentDetail extends IncidentSummary {
  symptoms: string;
  reportedBy: string;
  /** The playbook as it was when the incident was opened. */
  playbook: PlaybookView;
  /** Each step of the playbook, with who ticked it and when. */
  steps: { text: string; doneAt: string | null; doneBy: string | null }[];
  entries: IncidentEntryView[];
  /** What the appliance did while it lasted. */
  meanwhile: { fallbackTickets: number; paperIntakes: number; notices: number };
}

export type NoticeLevel = 'info' | 'warning' | 'urgent';

/** A notice to citizens (plan 2.9): a banner on the hall displays and the kiosk until it ends. */
export interface NoticeView {
  id: number;
  text: string;
  level: NoticeLevel;
  startsAt: string;
  endsAt: string | null;
}

/** The same facts, worded for each channel the plan names, ready to copy. */
export interface NoticeTexts {
  loudspeaker: string;
  zalo: string;
  facebook: string;
}

/** One incident type's figures for a quarter. */
export interface TypeFigures {
  type: IncidentType;
  title: string;
  count: number;
  /** Opening to resolution (to the quarter's end for one still open), summed and averaged. */
  downtimeMs: number;
  meanDowntimeMs: number;
  /** Of the resolved ones only. */
  meanResolveMs: number | null;
  longest: { id: number; title: string; openedAt: string; downtimeMs: number } | null;
}

export interface DrillFigures {
  startedAt: string;
  endedAt: string | null;
  note: string | null;
  secondsToFirstTicket: number | null;
  secondsToFirstCall: number | null;
}

export interface Proposal {
  text: string;
  /** The figures it rests on. */
  facts: string[];
}

/** `GET /api/reports/quarterly?format=json`: every figure the other formats show. */
export interface QuarterlyReport {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
  generatedAt: string;
  center: { name: string; parentBody: string; place: string; timezone: string };
  heading: {
    symbol: string;
    addressees: string[];
    signerAuthority: string;
    signerTitle: string;
    signerName: string;
  };
  incidents: {
    total: number;
    stillOpen: number;
    downtimeMs: number;
    byType: TypeFigures[];
    byGroup: Record<IncidentGroup, number>;
    bySource: Record<IncidentSource, number>;
    list: IncidentSummary[];
  };
  fallback: { tickets: number; activeMs: number; periods: number };
  paperIntake: { received: number; reentered: number };
  /** Citizens' ratings at the counter tablets in the quarter (Decision 766/QĐ-TTg). */
  satisfaction: {
    total: RatingFigures;
    byCounter: RatingFigures[];
    byService: RatingFigures[];
    byStaff: RatingFigures[];
    byMonth: RatingFigures[];
  };
  drills: DrillFigures[];
  proposals: Proposal[];
}

/** One line of the log book as centers keep it on paper (`GET /api/logbook`, its CSV and XLSX). */
export interface LogbookRow {
  id: number;
  /** STT: the line's number in the period. */
  no: number;
  detectedAt: string;
  type: IncidentType;
  title: string;
  symptoms: string;
  detectedBy: string;
  /** The steps ticked, the calls made, the escalation, in order. */
  handling: string;
  handledBy: string;
  resolvedAt: string | null;
  result: string;
  notes: string;
  status: IncidentStatus;
}
