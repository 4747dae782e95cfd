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
export interface PrinterSetting {
  id: string;
  transport: 'virtual' | 'tcp' | 'serial' | 'device';
  paperWidthMm: 58 | 80;
  host?: string;
  port?: number;
  path?: string;
  baudRate?: number;
  speedMmPerSecond?: number;
}

export interface QmsProbeSetting {
  type: 'http' | 'tcp';
  url?: string;
  host?: string;
  port?: number;
  timeoutMs: number;
  expectStatus?: number[];
  bodyPattern?: string;
}

export interface NetworkProbeSetting {
  type: 'tcp';
  host: string;
  port: number;
  timeoutMs: number;
  role: 'gateway' | 'internet';
}

/** `GET /api/settings`: what the technician sets while the appliance runs. */
export interface Settings {
  hours: WeekHours;
  extras: ExtraSessionView[];
  center: { name: string; parentBody: string; place: string; timezone: string; publicUrl?: string };
  printers: PrinterSetting[];
  qms: { probes: QmsProbeSetting[]; intervalMs: number; failThreshold: number } & Record<string, unknown>;
  network: { probes: NetworkProbeSetting[] } & Record<string, unknown>;
  /** Sections the configuration file sets: shown, not changed from the page. */
  fixedByFile: ('center' | 'printers' | 'qms' | 'network')[];
  /** Whether the guided first setup was finished or skipped. */
  setupDone: boolean;
}

/** `POST /api/settings/qms/try`. */
export interface ProbeTry {
  ok: boolean;
  latencyMs: number;
  error: string | null;
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
