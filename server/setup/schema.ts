/**
 * Working hours: the sessions of each weekday, and the extra sessions a technician opens
 * (a Saturday morning for a campaign, an hour past closing). Outside them the kiosk issues
 * nothing. No rows at all is a center that has not set its hours: always open.
 */
export const hoursSchema = `
CREATE TABLE working_hours (
  -- 1 is Monday … 6 Saturday; a working Saturday the Government announces uses Monday's.
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 6),
  session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon')),
  opens TEXT NOT NULL,
  closes TEXT NOT NULL CHECK (closes > opens),
  PRIMARY KEY (weekday, session)
);

CREATE TABLE extra_sessions (
  id INTEGER PRIMARY KEY,
  opens_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL CHECK (closes_at > opens_at),
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** What a technician set on the page in place of the configuration file, one row per section. */
export const settingsSchema = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);
`;
