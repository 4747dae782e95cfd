/** Tables of the auth module: accounts, sessions and the audit log. */
export const authSchema = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('staff', 'leader', 'technician')),
  password_hash TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  account_id INTEGER REFERENCES accounts(id),
  username TEXT,
  action TEXT NOT NULL,
  detail TEXT,
  ip TEXT
);
CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;

/**
 * Failed logins per username as typed and source address ('*' for anywhere), whether or not an
 * account has that username: counted before the secret is checked, so bursts cannot race.
 */
export const loginThrottleSchema = `
CREATE TABLE login_throttle (
  username TEXT NOT NULL COLLATE NOCASE,
  source TEXT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until INTEGER,
  last_failure_at INTEGER NOT NULL,
  PRIMARY KEY (username, source)
);
CREATE INDEX login_throttle_last ON login_throttle(last_failure_at);
ALTER TABLE accounts DROP COLUMN failed_attempts;
ALTER TABLE accounts DROP COLUMN locked_until;
`;

/**
 * A secret a technician gave (a new account, a reset) is known to two people: its owner must
 * choose their own at the first login before doing anything else.
 */
export const secretChange = `
ALTER TABLE accounts ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));
`;
