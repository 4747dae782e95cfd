/** Tables of the failover module: the technician's mode, every transition, and drills. */
export const failoverSchema = `
CREATE TABLE failover_mode (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  mode TEXT NOT NULL CHECK (mode IN ('auto', 'force-active', 'force-standby')),
  reason TEXT NOT NULL,
  set_by TEXT,
  set_at INTEGER NOT NULL
);

CREATE TABLE failover_transitions (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  cause TEXT NOT NULL,
  drill INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX failover_transitions_at ON failover_transitions(at);

CREATE TABLE failover_drills (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  started_by TEXT,
  note TEXT,
  participants TEXT NOT NULL DEFAULT '[]',
  first_ticket_at INTEGER,
  first_call_at INTEGER,
  ended_at INTEGER,
  ended_by TEXT
);
`;

/** Who moved the watcher by hand, and the reason they typed, shown on the technician's timeline. */
export const transitionPeople = `
ALTER TABLE failover_transitions ADD COLUMN by_name TEXT;
ALTER TABLE failover_transitions ADD COLUMN reason TEXT;
`;
