import type {
  ContactView,
  EntryKind,
  IncidentDetail,
  IncidentEntryView,
  IncidentGroup,
  IncidentStatus,
  IncidentSummary,
  IncidentType,
  Phone,
  PlaybookView,
} from '../../contract/logbook.js';
import { type Actor, actorName } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { atomically, type Db } from '../db/open.js';
import { Where } from '../db/where.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { DomainBus } from '../events.js';
import { PLAN_CONTACTS, PLAN_PLAYBOOKS } from './plan.js';

interface PlaybookRow {
  id: number;
  type: IncidentType;
  version: number;
  title: string;
  group_kind: IncidentGroup;
  symptoms: string;
  steps: string;
  responsible: string;
  contact_ids: string;
  created_at: number;
  created_by: string;
}

interface ContactRow {
  id: number;
  name: string;
  unit: string;
  role: string;
  phones: string;
  note: string;
  active: number;
}

export interface IncidentRow {
  id: number;
  type: IncidentType;
  title: string;
  group_kind: IncidentGroup;
  source: 'auto' | 'manual';
  cause: string | null;
  symptoms: string;
  detected_by: string;
  reported_by: string;
  opened_at: number;
  playbook_id: number;
  escalated_at: number | null;
  resolved_at: number | null;
}

interface EntryRow {
  id: number;
  at: number;
  kind: EntryKind;
  step: number | null;
  text: string;
  contact_id: number | null;
  contact_name: string | null;
  contact_unit: string | null;
  by_name: string;
  corrects: number | null;
}

/** What else went on during an incident, counted by the modules that know. */
export interface Meanwhile {
  fallbackTickets(from: number, to: number): number;
  paperIntakes(from: number, to: number): number;
  notices(from: number, to: number): number;
}

export interface IncidentsDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  meanwhile: Meanwhile;
}

export interface NewIncident {
  type: IncidentType;
  title?: string;
  symptoms: string;
  source: 'auto' | 'manual';
  cause?: string;
  /** Who noticed it: a person's name, or the appliance itself. */
  detectedBy: string;
  reportedBy: Actor;
  /** When it began, if before now (an automatic incident found after the fact). */
  openedAt?: number;
}

export interface IncidentFilter {
  type?: IncidentType;
  status?: 'open' | 'resolved';
  from?: number;
  to?: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function statusOf(row: Pick<IncidentRow, 'resolved_at' | 'escalated_at'>): IncidentStatus {
  return row.resolved_at !== null ? 'resolved' : row.escalated_at !== null ? 'escalated' : 'open';
}

/**
 * The log book: incidents opened by people or by the appliance, handled by their playbook,
 * escalated, resolved. Every change is a new entry, and a change is told to the leaders' and
 * technicians' screens as `incident.changed`.
 */
export class Incidents {
  readonly #d: IncidentsDeps;

  constructor(deps: IncidentsDeps) {
    this.#d = deps;
  }

  /** The plan's playbooks and contacts, once, on a new database. */
  seed(): void {
    const { db } = this.#d;
    if ((db.prepare('SELECT count(*) AS n FROM playbooks').get() as { n: number }).n > 0) return;
    const now = this.#d.clock.now();
    atomically(db, () => {
      const contact = db.prepare(
        `INSERT INTO contacts (key, name, unit, role, phones, note, position, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      );
      const ids = new Map<string, number>();
      PLAN_CONTACTS.forEach((c, i) => {
        const { id } = contact.get(
          c.key,
          c.name,
          c.unit,
          c.role,
          JSON.stringify(c.phones),
          c.note,
          i,
          now,
        ) as {
          id: number;
        };
        ids.set(c.key, id);
      });
      const playbook = db.prepare(
        `INSERT INTO playbooks (type, version, title, group_kind, symptoms, steps, responsible, contact_ids,
           created_at, created_by) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 'Kế hoạch dự phòng')`,
      );
      for (const p of PLAN_PLAYBOOKS) {
        const contacts = p.contacts.map((k) => ids.get(k) as number);
        playbook.run(
          p.type,
          p.title,
          p.group,
          p.symptoms,
          JSON.stringify(p.steps),
          p.responsible,
          JSON.stringify(contacts),
          now,
        );
      }
    });
  }

  // --- playbooks and contacts -------------------------------------------------------------

  /** The current version of each type's playbook. */
  playbooks(): PlaybookView[] {
    const rows = this.#d.db
      .prepare(
        `SELECT p.* FROM playbooks p
         WHERE p.version = (SELECT max(version) FROM playbooks q WHERE q.type = p.type) ORDER BY p.type`,
      )
      .all() as PlaybookRow[];
    return rows.map(playbookView);
  }

  #playbook(type: IncidentType): PlaybookRow {
    const row = this.#d.db
      .prepare('SELECT * FROM playbooks WHERE type = ? ORDER BY version DESC LIMIT 1')
      .get(type) as PlaybookRow | undefined;
    if (!row) throw notFound(`quy trình xử lý loại ${type}`);
    return row;
  }

  /** A technician's edit is a new version: incidents opened before keep the text they had. */
  editPlaybook(
    type: IncidentType,
    edit: Pick<PlaybookView, 'title' | 'group' | 'symptoms' | 'steps' | 'responsible' | 'contactIds'>,
    actor: Actor,
  ): PlaybookView {
    const current = this.#playbook(type);
    if (edit.steps.some((s) => s.trim() === ''))
      throw badRequest('invalid_steps', 'Mỗi bước xử lý phải có nội dung.');
    this.#checkContacts(edit.contactIds);
    const row = this.#d.db
      .prepare(
        `INSERT INTO playbooks (type, version, title, group_kind, symptoms, steps, responsible, contact_ids,
           created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        type,
        current.version + 1,
        edit.title.trim(),
        edit.group,
        edit.symptoms.trim(),
        JSON.stringify(edit.steps.map((s) => s.trim())),
        edit.responsible.trim(),
        JSON.stringify(edit.contactIds),
        this.#d.clock.now(),
        actorName(actor),
      ) as PlaybookRow;
    return playbookView(row);
  }

  contacts(): ContactView[] {
    return (this.#d.db.prepare('SELECT * FROM contacts ORDER BY position, id').all() as ContactRow[]).map(
      contactView,
    );
  }

  #contact(id: number): ContactRow {
    const row = this.#d.db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
    if (!row) throw notFound(`liên hệ ${id}`);
    return row;
  }

  #checkContacts(ids: number[]): void {
    for (const id of ids) this.#contact(id);
  }

  /** Adds a contact (no id) or changes one; returns it with what it was before, for the audit. */
  saveContact(input: Omit<ContactView, 'id'> & { id?: number }): {
    contact: ContactView;
    before: ContactView | null;
  } {
    const { db, clock } = this.#d;
    const before = input.id === undefined ? null : contactView(this.#contact(input.id));
    const values = [
      input.name.trim(),
      input.unit.trim(),
      input.role.trim(),
      JSON.stringify(
        input.phones.map((p) => ({ label: p.label.trim(), number: p.number.replace(/[^\d+]/g, '') })),
      ),
      input.note.trim(),
      input.active ? 1 : 0,
      clock.now(),
    ];
    const row = (
      input.id === undefined
        ? db
            .prepare(
              `INSERT INTO contacts (name, unit, role, phones, note, active, updated_at, position)
               VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM contacts)) RETURNING *`,
            )
            .get(...values)
        : db
            .prepare(
              `UPDATE contacts SET name = ?, unit = ?, role = ?, phones = ?, note = ?, active = ?, updated_at = ?
               WHERE id = ? RETURNING *`,
            )
            .get(...values, input.id)
    ) as ContactRow;
    return { contact: contactView(row), before };
  }

  // --- incidents --------------------------------------------------------------------------

  open(input: NewIncident): IncidentDetail {
    const { db, clock } = this.#d;
    const playbook = this.#playbook(input.type);
    const now = clock.now();
    const { id } = db
      .prepare(
        `INSERT INTO incidents (type, title, group_kind, source, cause, symptoms, detected_by, reported_by,
           reported_by_account, opened_at, recorded_at, playbook_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        input.type,
        input.title?.trim() || playbook.title,
        playbook.group_kind,
        input.source,
        input.cause ?? null,
        input.symptoms.trim(),
        input.detectedBy,
        actorName(input.reportedBy),
        input.reportedBy.accountId,
        Math.min(input.openedAt ?? now, now),
        now,
        playbook.id,
      ) as { id: number };
    return this.#changed(id);
  }

  /** The open incident the appliance opened for `cause`, if any: one per cause. */
  openFor(cause: string): IncidentRow | undefined {
    return this.#d.db
      .prepare(
        'SELECT * FROM incident_states WHERE cause = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1',
      )
      .get(cause) as IncidentRow | undefined;
  }

  tickStep(id: number, step: number, actor: Actor): IncidentDetail {
    const incident = this.#row(id);
    const steps = JSON.parse(this.#playbookById(incident.playbook_id).steps) as string[];
    if (!Number.isInteger(step) || step < 0 || step >= steps.length) {
      throw badRequest('invalid_step', `Quy trình này có ${steps.length} bước (đánh số từ 0).`);
    }
    return this.#entry(incident, 'step', actor, { step, text: steps[step] as string });
  }

  note(id: number, text: string, actor: Actor, corrects?: number): IncidentDetail {
    const incident = this.#row(id);
    if (corrects !== undefined) {
      const target = this.#d.db
        .prepare('SELECT id FROM incident_entries WHERE id = ? AND incident_id = ?')
        .get(corrects, id);
      if (!target) throw notFound(`mục ${corrects} của sự cố ${id}`);
    }
    return this.#entry(incident, corrects === undefined ? 'note' : 'correction', actor, { text, corrects });
  }

  contacted(id: number, contactId: number, text: string, actor: Actor): IncidentDetail {
    const incident = this.#row(id);
    this.#contact(contactId);
    return this.#entry(incident, 'contact', actor, { text, contactId });
  }

  /** Chuyển tuyến: handed to the unit that can fix it (plan, section III). */
  escalate(id: number, text: string, actor: Actor, contactId?: number): IncidentDetail {
    const incident = this.#row(id);
    if (incident.resolved_at !== null) throw conflict('resolved', `Sự cố ${id} đã được khắc phục.`);
    if (contactId !== undefined) this.#contact(contactId);
    return this.#entry(incident, 'escalate', actor, { text, contactId });
  }

  resolve(id: number, result: string, actor: Actor, at?: number): IncidentDetail {
    const incident = this.#row(id);
    if (incident.resolved_at !== null) throw conflict('resolved', `Sự cố ${id} đã được khắc phục.`);
    return this.#entry(incident, 'resolve', actor, { text: result, at });
  }

  #entry(
    incident: IncidentRow,
    kind: EntryKind,
    actor: Actor,
    e: { step?: number; text?: string; contactId?: number; corrects?: number; at?: number },
  ): IncidentDetail {
    const now = this.#d.clock.now();
    // An automatic resolution may be dated when its cause ended; never before the incident.
    const at = Math.max(Math.min(e.at ?? now, now), incident.opened_at);
    this.#d.db
      .prepare(
        `INSERT INTO incident_entries (incident_id, at, kind, step, text, contact_id, account_id, by_name, corrects)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        incident.id,
        at,
        kind,
        e.step ?? null,
        (e.text ?? '').trim(),
        e.contactId ?? null,
        actor.accountId,
        actorName(actor),
        e.corrects ?? null,
      );
    return this.#changed(incident.id);
  }

  #changed(id: number): IncidentDetail {
    this.#d.bus.emit('incident.changed', { incident: summary(this.#row(id), this.#d.clock.now()) });
    return this.get(id);
  }

  #row(id: number): IncidentRow {
    const row = this.#d.db.prepare('SELECT * FROM incident_states WHERE id = ?').get(id) as
      | IncidentRow
      | undefined;
    if (!row) throw notFound(`sự cố ${id}`);
    return row;
  }

  #playbookById(id: number): PlaybookRow {
    return this.#d.db.prepare('SELECT * FROM playbooks WHERE id = ?').get(id) as PlaybookRow;
  }

  list(filter: IncidentFilter = {}): IncidentSummary[] {
    const where = new Where();
    if (filter.type) where.and('type = ?', filter.type);
    if (filter.status === 'open') where.and('resolved_at IS NULL');
    if (filter.status === 'resolved') where.and('resolved_at IS NOT NULL');
    if (filter.from !== undefined) where.and('opened_at >= ?', filter.from);
    if (filter.to !== undefined) where.and('opened_at < ?', filter.to);
    const rows = this.#d.db
      .prepare(`SELECT * FROM incident_states ${where} ORDER BY opened_at, id`)
      .all(...where.args) as IncidentRow[];
    const now = this.#d.clock.now();
    return rows.map((r) => summary(r, now));
  }

  get(id: number): IncidentDetail {
    const row = this.#row(id);
    const now = this.#d.clock.now();
    const playbook = playbookView(this.#playbookById(row.playbook_id));
    const entries = (
      this.#d.db
        .prepare(
          `SELECT e.*, c.name AS contact_name, c.unit AS contact_unit FROM incident_entries e
           LEFT JOIN contacts c ON c.id = e.contact_id WHERE e.incident_id = ? ORDER BY e.id`,
        )
        .all(id) as EntryRow[]
    ).map(entryView);
    const until = row.resolved_at ?? now;
    const { meanwhile } = this.#d;
    return {
      ...summary(row, now),
      symptoms: row.symptoms,
      reportedBy: row.reported_by,
      playbook,
      steps: playbook.steps.map((text, i) => {
        const done = entries.find((e) => e.kind === 'step' && e.step === i);
        return { text, doneAt: done?.at ?? null, doneBy: done?.by ?? null };
      }),
      entries,
      meanwhile: {
        fallbackTickets: meanwhile.fallbackTickets(row.opened_at, until),
        paperIntakes: meanwhile.paperIntakes(row.opened_at, until),
        notices: meanwhile.notices(row.opened_at, until),
      },
    };
  }
}

function summary(r: IncidentRow, now: number): IncidentSummary {
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    group: r.group_kind,
    status: statusOf(r),
    source: r.source,
    openedAt: iso(r.opened_at) as string,
    escalatedAt: iso(r.escalated_at),
    resolvedAt: iso(r.resolved_at),
    downtimeMs: (r.resolved_at ?? now) - r.opened_at,
    detectedBy: r.detected_by,
  };
}

function playbookView(r: PlaybookRow): PlaybookView {
  return {
    id: r.id,
    type: r.type,
    version: r.version,
    title: r.title,
    group: r.group_kind,
    symptoms: r.symptoms,
    steps: JSON.parse(r.steps) as string[],
    responsible: r.responsible,
    contactIds: JSON.parse(r.contact_ids) as number[],
    createdAt: iso(r.created_at) as string,
    createdBy: r.created_by,
  };
}

function contactView(r: ContactRow): ContactView {
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    role: r.role,
    phones: JSON.parse(r.phones) as Phone[],
    note: r.note,
    active: r.active === 1,
  };
}

function entryView(r: EntryRow): IncidentEntryView {
  return {
    id: r.id,
    at: iso(r.at) as string,
    kind: r.kind,
    step: r.step,
    text: r.text,
    contact:
      r.contact_id === null
        ? null
        : { id: r.contact_id, name: r.contact_name ?? '', unit: r.contact_unit ?? '' },
    by: r.by_name,
    corrects: r.corrects,
  };
}
