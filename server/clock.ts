/** Time is injected so that day rollover, lockouts and failover run under fake time in tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
