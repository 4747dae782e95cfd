import type { Config } from '../config.js';
import { parseConfig } from '../config.js';
import { atomically, type Db } from '../db/open.js';
import { AppError, ConfigError } from '../errors.js';

/** The parts of the configuration a technician may set on the page while the appliance runs. */
export const EDITABLE = ['center', 'printers', 'qms', 'network'] as const;
export type Editable = (typeof EDITABLE)[number];

function stored(db: Db): Partial<Pick<Config, Editable>> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return Object.fromEntries(
    rows
      .filter((r) => (EDITABLE as readonly string[]).includes(r.key))
      .map((r) => [r.key, JSON.parse(r.value)]),
  );
}

/**
 * The configuration the appliance runs on: what the file sets wins (a deployment that prefers a
 * file keeps it), then what a technician set on the page, then the defaults. Checked whole by
 * the same schema and checks as the file.
 */
export function runningConfig(db: Db, file: Config, fixed: readonly string[]): Config {
  const page = stored(db);
  const merged: Record<string, unknown> = { ...file };
  for (const key of EDITABLE) if (!fixed.includes(key) && page[key] !== undefined) merged[key] = page[key];
  return parseConfig(merged);
}

export interface LiveSettingsDeps {
  db: Db;
  now: () => number;
  /** The running configuration, changed in place so every module reading it sees the change. */
  config: Config;
  /** Sections the configuration file sets: shown, never changed from the page. */
  fixed: readonly string[];
  /** Rebuilds what a changed section drives: printer links, the QMS and network watchers. */
  apply: (section: Editable, config: Config) => Promise<void>;
}

/** A technician's change to the running configuration: checked, stored, applied at once. */
export class LiveSettings {
  readonly #d: LiveSettingsDeps;

  constructor(deps: LiveSettingsDeps) {
    this.#d = deps;
  }

  view() {
    const { center, printers, qms, network } = this.#d.config;
    return { center, printers, qms, network, fixedByFile: EDITABLE.filter((k) => this.#d.fixed.includes(k)) };
  }

  /**
   * Sections changed together are checked together and stored in one transaction, so a bad value
   * in one leaves every other as it was. The center may be given in part: the rest is kept.
   */
  async change(
    sections: Partial<Record<Editable, unknown>>,
    by: string | null,
  ): Promise<{ section: Editable; before: unknown; after: unknown }[]> {
    const given = EDITABLE.filter((k) => sections[k] !== undefined);
    const fixed = given.find((k) => this.#d.fixed.includes(k));
    if (fixed) {
      throw new AppError(
        409,
        'fixed_by_file',
        `Mục "${fixed}" được đặt trong tệp cấu hình (config.json); hãy sửa tệp đó rồi khởi động lại.`,
      );
    }
    const current = this.#d.config;
    let next: Config;
    try {
      next = parseConfig({
        ...current,
        ...sections,
        center: { ...current.center, ...(sections.center as object | undefined) },
      });
    } catch (err) {
      if (err instanceof ConfigError) throw new AppError(400, 'bad_setting', err.message);
      throw err;
    }
    const changes = given.map((section) => ({
      section,
      before: structuredClone(current[section]),
      after: next[section],
    }));
    const save = this.#d.db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    );
    atomically(this.#d.db, () => {
      for (const c of changes) save.run(c.section, JSON.stringify(c.after), this.#d.now(), by);
    });
    for (const { section, after } of changes) {
      // The center is one object every module holds; the others are read when rebuilt.
      if (section === 'center') Object.assign(current.center, after);
      else (current as Record<Editable, unknown>)[section] = after;
      await this.#d.apply(section, current);
    }
    return changes;
  }
}
