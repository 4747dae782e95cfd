/**
 * One rating per ticket (the UNIQUE is the rule, not a lookup), with who served it: the
 * counter, the service and the staff member as they were when it was finished.
 */
export const ratingsSchema = `
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
  day TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  counter_id INTEGER NOT NULL,
  account_id INTEGER,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
  reasons TEXT NOT NULL DEFAULT '[]',
  comment TEXT,
  rated_at INTEGER NOT NULL
);
CREATE INDEX ratings_rated_at ON ratings (rated_at);
-- A counter's last finished ticket, which the tablet asks for after every change at the
-- counter: one seek, not a sort of every ticket the counter has finished since it was set up.
CREATE INDEX tickets_finished ON tickets (counter_id, finished_at) WHERE status = 'done';
`;
