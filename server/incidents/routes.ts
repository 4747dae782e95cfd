import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { INCIDENT_TYPES, type IncidentType } from '../../contract/logbook.js';
import { actorName } from '../auth/actor.js';
import { actorOf, requireRole } from '../auth/guard.js';
import type { Config } from '../config.js';
import { nextDay, startOfLocalDay } from '../day.js';
import { csv } from '../documents/csv.js';
import { notFound } from '../errors.js';
import { dayField, id, idParams } from '../schemas.js';
import { LOGBOOK_HEAD, logbookCells, logbookRows } from './logbook.js';
import { quarterlyReport } from './report.js';
import { reportDocument } from './report-content.js';
import { reportHtml } from './report-html.js';

export interface IncidentRouteOptions {
  config: Pick<Config, 'center' | 'report'>;
  /** Paper intake records received and re-entered in a period. */
  paperIntake: (from: number, to: number) => { received: number; reentered: number };
}

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const type = { enum: INCIDENT_TYPES } as const;
const range = {
  type: 'object',
  properties: { type, status: { enum: ['open', 'resolved'] }, from: dayField, to: dayField },
  additionalProperties: false,
} as const;
const phones = {
  type: 'array',
  maxItems: 5,
  items: {
    type: 'object',
    properties: {
      label: { type: 'string', maxLength: 60 },
      number: { type: 'string', pattern: '^[0-9+ .()-]{3,20}$' },
    },
    required: ['label', 'number'],
    additionalProperties: false,
  },
} as const;
const contactBody = {
  type: 'object',
  properties: {
    name: text(120),
    unit: text(160),
    role: { type: 'string', maxLength: 200 },
    phones,
    note: { type: 'string', maxLength: 500 },
    active: { type: 'boolean' },
  },
  required: ['name', 'unit', 'role', 'phones', 'note', 'active'],
  additionalProperties: false,
} as const;

/** Report fonts (Tinos, Times New Roman's metric twin) by file name, for the HTML report. */
const fonts = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@fontsource/tinos/package.json')),
  'files',
);

/**
 * The log book's routes: staff report and handle incidents; leaders read the book, export it
 * and make the quarterly report; technicians edit playbooks and contacts.
 */
export const incidentRoutes: FastifyPluginAsyncJsonSchemaToTs<{ Options: IncidentRouteOptions }> = async (
  app,
  options,
) => {
  const { incidents } = app;
  const tz = options.config.center.timezone;
  const staff = requireRole('staff');
  const leader = requireRole('leader');
  const technician = requireRole('technician');
  const window = (q: { from?: string; to?: string }) => ({
    from: q.from === undefined ? undefined : startOfLocalDay(q.from, tz),
    to: q.to === undefined ? undefined : startOfLocalDay(nextDay(q.to), tz),
  });

  app.get(
    '/api/incidents',
    {
      onRequest: staff,
      schema: { summary: 'Incidents, by type, status and the days they began', querystring: range },
    },
    async (request) => incidents.list({ ...request.query, ...window(request.query) }),
  );

  app.get(
    '/api/incidents/:id',
    { onRequest: staff, schema: { summary: 'One incident with its playbook and entries', params: idParams } },
    async (request) => incidents.get(request.params.id),
  );

  app.post(
    '/api/incidents',
    {
      onRequest: staff,
      schema: {
        summary: 'Report an incident (plan section II): it opens with its type’s playbook',
        body: {
          type: 'object',
          properties: { type, title: { type: 'string', maxLength: 200 }, symptoms: text(2000) },
          required: ['type', 'symptoms'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const detail = incidents.open({
        type: request.body.type,
        title: request.body.title,
        symptoms: request.body.symptoms,
        source: 'manual',
        detectedBy: actorName(actor),
        reportedBy: actor,
      });
      return reply.code(201).send(detail);
    },
  );

  app.post(
    '/api/incidents/:id/steps/:n',
    {
      onRequest: staff,
      schema: {
        summary: 'Tick a step of the playbook (from 0)',
        params: {
          type: 'object',
          properties: { id, n: { type: 'integer', minimum: 0 } },
          required: ['id', 'n'],
        },
      },
    },
    async (request) => incidents.tickStep(request.params.id, request.params.n, actorOf(request)),
  );

  app.post(
    '/api/incidents/:id/notes',
    {
      onRequest: staff,
      schema: {
        summary: 'Add a note, or correct an earlier entry (a correction is a new entry)',
        params: idParams,
        body: {
          type: 'object',
          properties: { text: text(2000), corrects: id },
          required: ['text'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      incidents.note(request.params.id, request.body.text, actorOf(request), request.body.corrects),
  );

  app.post(
    '/api/incidents/:id/contacts',
    {
      onRequest: staff,
      schema: {
        summary: 'Record a call to a contact of the directory',
        params: idParams,
        body: {
          type: 'object',
          properties: { contactId: id, text: { type: 'string', maxLength: 1000 } },
          required: ['contactId'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      incidents.contacted(
        request.params.id,
        request.body.contactId,
        request.body.text ?? '',
        actorOf(request),
      ),
  );

  app.post(
    '/api/incidents/:id/escalate',
    {
      onRequest: staff,
      schema: {
        summary: 'Escalate (chuyển tuyến) to the unit that can fix it',
        params: idParams,
        body: {
          type: 'object',
          properties: { text: text(1000), contactId: id },
          required: ['text'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      incidents.escalate(request.params.id, request.body.text, actorOf(request), request.body.contactId),
  );

  app.post(
    '/api/incidents/:id/resolve',
    {
      onRequest: staff,
      schema: {
        summary: 'Record the incident resolved, with its result',
        params: idParams,
        body: {
          type: 'object',
          properties: { result: text(1000) },
          required: ['result'],
          additionalProperties: false,
        },
      },
    },
    async (request) => incidents.resolve(request.params.id, request.body.result, actorOf(request)),
  );

  app.get(
    '/api/playbooks',
    { onRequest: staff, schema: { summary: 'The current playbook of each incident type' } },
    async () => incidents.playbooks(),
  );

  app.put(
    '/api/playbooks/:type',
    {
      onRequest: technician,
      schema: {
        summary: 'Edit a playbook: a new version; incidents keep the one they opened with',
        params: { type: 'object', properties: { type }, required: ['type'] },
        body: {
          type: 'object',
          properties: {
            title: text(200),
            group: { enum: ['simple', 'complex'] },
            symptoms: text(2000),
            steps: { type: 'array', minItems: 1, maxItems: 20, items: text(500) },
            responsible: text(500),
            contactIds: { type: 'array', maxItems: 10, items: id },
          },
          required: ['title', 'group', 'symptoms', 'steps', 'responsible', 'contactIds'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const playbook = incidents.editPlaybook(request.params.type as IncidentType, request.body, actor);
      app.audit.record(actor, 'playbook.edit', { type: playbook.type, version: playbook.version });
      return playbook;
    },
  );

  app.get('/api/contacts', { onRequest: staff, schema: { summary: 'The contact directory' } }, async () =>
    incidents.contacts(),
  );

  app.post(
    '/api/contacts',
    { onRequest: technician, schema: { summary: 'Add a contact', body: contactBody } },
    async (request, reply) => {
      const { contact } = incidents.saveContact(request.body);
      app.audit.record(actorOf(request), 'contact.create', { after: contact });
      return reply.code(201).send(contact);
    },
  );

  app.put(
    '/api/contacts/:id',
    {
      onRequest: technician,
      schema: {
        summary: 'Change a contact (audited, with what it was)',
        params: idParams,
        body: contactBody,
      },
    },
    async (request) => {
      const { contact, before } = incidents.saveContact({ ...request.body, id: request.params.id });
      app.audit.record(actorOf(request), 'contact.edit', { before, after: contact });
      return contact;
    },
  );

  const bookOf = (q: { type?: IncidentType; status?: 'open' | 'resolved'; from?: string; to?: string }) =>
    logbookRows(incidents.list({ ...q, ...window(q) }).map((i) => incidents.get(i.id)));
  const bookTitle = (q: { from?: string; to?: string }) =>
    `Sổ theo dõi sự cố kỹ thuật — ${options.config.center.name}${q.from || q.to ? ` (${q.from ?? '…'} – ${q.to ?? '…'})` : ''}`;

  app.get(
    '/api/logbook',
    {
      onRequest: leader,
      schema: { summary: 'The log book as the paper register’s lines', querystring: range },
    },
    async (request) => ({ rows: bookOf(request.query) }),
  );

  app.get(
    '/api/logbook.csv',
    { onRequest: leader, schema: { summary: 'The log book as CSV', querystring: range } },
    async (request, reply) => {
      app.audit.record(actorOf(request), 'logbook.export', { format: 'csv', ...request.query });
      const body = csv(
        LOGBOOK_HEAD,
        bookOf(request.query).map((r) => logbookCells(r, tz)),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="so-theo-doi-su-co.csv"')
        .send(body);
    },
  );

  app.get(
    '/api/logbook.xlsx',
    { onRequest: leader, schema: { summary: 'The log book as an Excel workbook', querystring: range } },
    async (request, reply) => {
      app.audit.record(actorOf(request), 'logbook.export', { format: 'xlsx', ...request.query });
      const file = await app.documents.build({
        kind: 'table-xlsx',
        sheetName: 'Sổ theo dõi sự cố',
        title: bookTitle(request.query),
        head: LOGBOOK_HEAD,
        rows: bookOf(request.query).map((r) => logbookCells(r, tz)),
        widths: [6, 16, 26, 36, 18, 44, 20, 16, 30, 30],
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="so-theo-doi-su-co.xlsx"')
        .send(file);
    },
  );

  app.get(
    '/api/reports/quarterly',
    {
      onRequest: leader,
      schema: {
        summary: 'The quarterly report (plan section IV), as JSON, HTML, XLSX or DOCX',
        querystring: {
          type: 'object',
          properties: {
            year: { type: 'integer', minimum: 2000, maximum: 2100 },
            quarter: { type: 'integer', minimum: 1, maximum: 4 },
            format: { enum: ['json', 'html', 'xlsx', 'docx'], default: 'json' },
          },
          required: ['year', 'quarter', 'format'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { year, quarter, format } = request.query;
      const report = quarterlyReport(year, quarter as 1 | 2 | 3 | 4, {
        db: app.db,
        incidents,
        config: options.config,
        paperIntake: options.paperIntake,
        ratings: app.ratings,
        now: app.clock.now(),
      });
      app.audit.record(actorOf(request), 'report.quarterly', { year, quarter, format });
      const name = `bao-cao-su-co-quy-${quarter}-${year}`;
      if (format === 'json') return report;
      if (format === 'html')
        return reply.type('text/html; charset=utf-8').send(reportHtml(reportDocument(report)));
      const file = await app.documents.build({
        kind: format === 'docx' ? 'quarterly-docx' : 'quarterly-xlsx',
        report,
      });
      return reply
        .type(
          format === 'docx'
            ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${name}.${format}"`)
        .send(file);
    },
  );

  app.get(
    '/report-fonts/:file',
    {
      schema: {
        hide: true,
        params: {
          type: 'object',
          properties: { file: { type: 'string', pattern: '^tinos-[a-z0-9-]+\\.woff2$' } },
          required: ['file'],
        },
      },
    },
    async (request, reply) => {
      const data = await readFile(path.join(fonts, request.params.file)).catch(() => null);
      if (!data) throw notFound(`phông chữ ${request.params.file}`);
      return reply
        .type('font/woff2')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(data);
    },
  );
};
