import { PUBLIC_KINDS, type PublicKind } from '../../contract/screen.js';
import { hasRole, type Role } from '../auth/roles.js';

/**
 * Socket.IO rooms. Every socket hears the public events (the queue, failover, notices); the
 * rooms below are for what only some may hear, and a socket joins them from its session,
 * never from what it claims. The table of which event goes where is in docs/api.md.
 */
export const ROOMS = {
  /** Staff and up: signed-in counters, leaders, technicians. */
  staff: 'role:staff',
  /** Leaders and technicians: the log book. */
  leader: 'role:leader',
  /** Technicians: every printer's jobs, accounts locked, failover transitions. */
  tech: 'role:technician',
  /** The screens that warn about printers: kiosks and technicians. */
  printerWatchers: 'printer-watchers',
} as const;

export const printerRoom = (printerId: string) => `printer:${printerId}`;
export const accountRoom = (accountId: number) => `account:${accountId}`;

/** Page kinds only a signed-in account of that role can be. */
const PRIVILEGED_KINDS: Record<string, Role> = {
  counter: 'staff',
  // The satisfaction tablet at a counter, signed in as its clerk.
  rating: 'staff',
  leader: 'leader',
  tech: 'technician',
};

export interface Identity {
  role: Role | null;
  accountId: number | null;
  /** What the page says it is, as sent. */
  claimedKind: unknown;
  /** The printer a kiosk names, already checked against the configured ones. */
  printerId: string | null;
}

/**
 * What a socket counts as on the technician's page: a public kind as claimed (claiming one
 * grants nothing), a privileged kind only with the role behind it, else its role, else `other`.
 */
export function kindOf(id: Identity): string {
  const claimed = typeof id.claimedKind === 'string' ? id.claimedKind : '';
  if ((PUBLIC_KINDS as readonly string[]).includes(claimed)) return claimed as PublicKind;
  const needs = PRIVILEGED_KINDS[claimed];
  if (needs && id.role && hasRole(id.role, needs)) return claimed;
  return id.role ?? 'other';
}

/** The rooms a socket joins, from its session's role and its page. */
export function roomsOf(id: Identity): string[] {
  const rooms: string[] = [];
  const kind = kindOf(id);
  if (id.role) {
    rooms.push(ROOMS.staff, accountRoom(id.accountId as number));
    if (hasRole(id.role, 'leader')) rooms.push(ROOMS.leader);
    if (hasRole(id.role, 'technician')) rooms.push(ROOMS.tech, ROOMS.printerWatchers);
  }
  if (kind === 'kiosk') {
    rooms.push(ROOMS.printerWatchers);
    if (id.printerId) rooms.push(printerRoom(id.printerId));
  }
  return [...new Set(rooms)];
}
