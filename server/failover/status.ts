/** Who issues tickets right now. The controller that moves between these lives beside this. */
export type FailoverState = 'standalone' | 'standby' | 'suspect' | 'active' | 'draining';
export type FailoverMode = 'auto' | 'force-active' | 'force-standby';

export interface FailoverStatus {
  state: FailoverState;
  mode: FailoverMode;
  drill: boolean;
  since: number;
  /** Kept active by the flap guard until a technician confirms. */
  held?: boolean;
  /** The appliance's own network link is down (plan 2.3), so QMS is not judged. */
  ownLinkDown?: boolean;
}

export interface FailoverSource {
  status(): FailoverStatus;
}

/** The appliance hands out numbers only when it is the queue system or has taken over. */
export const issues = (state: FailoverState) => state === 'standalone' || state === 'active';
