/**
 * One row per run of the appliance: when it started, the last heartbeat while it ran, and
 * when it stopped cleanly. A run with no stop ended in a crash or a power cut (plan 2.7).
 */
export const lifecycleSchema = `
CREATE TABLE process_runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  stopped_at INTEGER,
  version TEXT NOT NULL
);
`;
