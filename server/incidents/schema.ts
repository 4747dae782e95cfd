/**
 * The incident log book (sổ theo dõi sự cố kỹ thuật). An incident and its entries are never
 * changed or deleted (triggers refuse it): handling, escalation, resolution and corrections
 * are new entries, and an incident's state is read from them. Playbooks are versioned: an
 * incident points at the version it was opened with. Contacts are a directory, edited in
 * place and audited.
 */
export const incidentsSchema = `
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  phones TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

CREATE TABLE playbooks (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  group_kind TEXT NOT NULL CHECK (group_kind IN ('simple', 'complex')),
  symptoms TEXT NOT NULL,
  steps TEXT NOT NULL,
  responsible TEXT NOT NULL,
  contact_ids TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (type, version)
);

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  group_kind TEXT NOT NULL CHECK (group_kind IN ('simple', 'complex')),
  source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
  -- What an automatic incident is about ('qms', 'printer:kiosk', 'internet', 'power'…):
  -- one open incident per cause.
  cause TEXT,
  symptoms TEXT NOT NULL,
  detected_by TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  reported_by_account INTEGER REFERENCES accounts(id),
  -- When it began; written when the row was.
  opened_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  playbook_id INTEGER NOT NULL REFERENCES playbooks(id)
);
CREATE INDEX incidents_opened ON incidents(opened_at);
CREATE INDEX incidents_cause ON incidents(cause) WHERE cause IS NOT NULL;

CREATE TABLE incident_entries (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('step', 'note', 'contact', 'escalate', 'resolve', 'correction')),
  step INTEGER,
  text TEXT NOT NULL DEFAULT '',
  contact_id INTEGER REFERENCES contacts(id),
  account_id INTEGER REFERENCES accounts(id),
  by_name TEXT NOT NULL,
  corrects INTEGER REFERENCES incident_entries(id)
);
CREATE INDEX incident_entries_incident ON incident_entries(incident_id, id);

CREATE TRIGGER incidents_append_only_u BEFORE UPDATE ON incidents
  BEGIN SELECT RAISE(ABORT, 'incidents are never edited: add an entry'); END;
CREATE TRIGGER incidents_append_only_d BEFORE DELETE ON incidents
  BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END;
CREATE TRIGGER incident_entries_append_only_u BEFORE UPDATE ON incident_entries
  BEGIN SELECT RAISE(ABORT, 'entries are never edited: add a correction'); END;
CREATE TRIGGER incident_entries_append_only_d BEFORE DELETE ON incident_entries
  BEGIN SELECT RAISE(ABORT, 'entries are never deleted'); END;

-- Each incident with the times its entries give it: escalated, resolved (the first of each).
CREATE VIEW incident_states AS
SELECT i.*,
  (SELECT min(at) FROM incident_entries e WHERE e.incident_id = i.id AND e.kind = 'escalate') AS escalated_at,
  (SELECT min(at) FROM incident_entries e WHERE e.incident_id = i.id AND e.kind = 'resolve') AS resolved_at
FROM incidents i;
`;
