/**
 * Setting a center up from the technician's page: services, working hours, extra sessions and
 * the audit log, as the server answers them and the pages show them.
 */

/** `GET /api/setup/services`: every service, those off the kiosk too. */
export interface ServiceSetupView {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  position: number;
  active: boolean;
  /** Numbers the kiosk gives per session; null for no limit. */
  capPerSession: number | null;
}

export type SessionName = 'morning' | 'afternoon';

export interface SessionHours {
  session: SessionName;
  /** Local `HH:MM`. */
  opens: string;
  closes: string;
}

/** The sessions of each weekday, 1 (Monday) to 6 (Saturday); Sunday is never worked. */
export type WeekHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6, SessionHours[]>>;

export interface ExtraSessionView {
  id: number;
  opensAt: number;
  closesAt: number;
  reason: string;
  createdBy: string;
}

/** `GET /api/settings`. */
export interface Settings {
  hours: WeekHours;
  extras: ExtraSessionView[];
}

/** One line of `GET /api/audit`. */
export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  detail: unknown;
  ip: string | null;
}
