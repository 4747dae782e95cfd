import type { FailoverState, FailoverStatus } from '../../contract/screen.js';

export type { FailoverMode, FailoverState, FailoverStatus } from '../../contract/screen.js';

/** Who issues tickets right now: the watcher, or a constant in standalone. */
export interface FailoverSource {
  status(): FailoverStatus;
}

/** The appliance hands out numbers only when it is the queue system or has taken over. */
export const issues = (state: FailoverState) => state === 'standalone' || state === 'active';

/** With no QMS configured the appliance is the center's queue system. */
export const standalone = (since: number): FailoverSource => ({
  status: () => ({ state: 'standalone', mode: 'auto', drill: false, since }),
});
