/**
 * The read model of the leader's figures: one row per visit, folded from `ticket_events` up to
 * `cursor`. It can be dropped and rebuilt from the events at any time.
 */
export const statsSchema = `
CREATE TABLE visits (
  ticket_id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  hour INTEGER NOT NULL,
  service_id INTEGER NOT NULL,
  counter_id INTEGER,
  account_id INTEGER,
  outcome TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  last_call_at INTEGER,
  finished_at INTEGER,
  wait_ms INTEGER,
  serve_ms INTEGER
);
CREATE INDEX visits_day ON visits(day);
CREATE TABLE visits_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), event_id INTEGER NOT NULL);
INSERT INTO visits_cursor (id, event_id) VALUES (1, 0);
`;
