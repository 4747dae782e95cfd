/**
 * Notices to citizens (plan 2.9): a banner on the hall displays and the kiosk from when it
 * starts until it ends (by hand, at its end time, or, for the appliance's own, when its cause
 * ends). Ending one is a new fact written on its row; nothing is deleted.
 */
export const noticesSchema = `
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'urgent')),
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('auto', 'manual')),
  -- What an automatic notice is about (the UPS on battery): it ends when that ends.
  cause TEXT,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  ended_at INTEGER,
  created_by TEXT NOT NULL,
  ended_by TEXT
);
CREATE INDEX notices_live ON notices(starts_at) WHERE ended_at IS NULL;
`;
