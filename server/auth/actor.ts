/** Who did something, for events and the audit log: an account, or the system itself (null id). */
export interface Actor {
  accountId: number | null;
  username: string | null;
  ip: string | null;
  /** The name a clerk is shown by (on a counter they hold); never the username. */
  displayName?: string | null;
  /** The hash of the session's token: a counter is held by one session of its clerk. */
  session?: string | null;
}

/** The appliance acting on its own: failover transitions, day ends, automatic incidents. */
export const SYSTEM: Actor = { accountId: null, username: 'hệ thống', ip: null };

/** How an actor is named in records people read: the display name, else the username. */
export const actorName = (actor: Actor): string =>
  actor.displayName ?? actor.username ?? SYSTEM.username ?? '';
