import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { IntakeStatus } from '../../contract/intake.js';
import { actorOf, requireRole } from '../auth/guard.js';
import { nextDay, startOfLocalDay } from '../day.js';
import { csv } from '../documents/csv.js';
import { dayField, id, idParams } from '../schemas.js';
import { INTAKE_REASONS, type IntakeReason } from './intake.js';
import { receiptHtml } from './receipt-html.js';
import { INTAKE_HEAD, INTAKE_WIDTHS, intakeCells } from './register.js';

export interface IntakeRouteOptions {
  center: { name: string; timezone: string; parentBody: string; place: string };
  /** The printer receipts print on unless the request names one. */
  printerId?: string;
}

const STATUSES = ['received', 'awaiting_lookup', 'entered', 'returned'] as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const name = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const range = {
  type: 'object',
  properties: {
    // One status or several, comma separated: `received,awaiting_lookup` is the worklist.
    status: { type: 'string', pattern: `^(${STATUSES.join('|')})(,(${STATUSES.join('|')}))*$` },
    from: dayField,
    to: dayField,
  },
  additionalProperties: false,
} as const;
const procedureBody = {
  type: 'object',
  properties: {
    name: name(300),
    field: name(100),
    processingDays: { type: 'integer', minimum: 0, maximum: 365 },
    active: { type: 'boolean' },
  },
  required: ['name', 'field', 'processingDays', 'active'],
  additionalProperties: false,
} as const;

/**
 * The paper intake register's routes. Records hold citizens' personal data: staff and up only,
 * and every view of a record, its receipt, the lists and the exports is in the audit log (what
 * was looked at, never the data itself).
 */
export const intakeRoutes: FastifyPluginAsyncJsonSchemaToTs<{ Options: IntakeRouteOptions }> = async (
  app,
  options,
) => {
  const { intake } = app;
  const tz = options.center.timezone;
  const staff = requireRole('staff');
  const technician = requireRole('technician');
  const window = (q: { status?: string; from?: string; to?: string }) => ({
    status: q.status?.split(',') as IntakeStatus[] | undefined,
    from: q.from === undefined ? undefined : startOfLocalDay(q.from, tz),
    to: q.to === undefined ? undefined : startOfLocalDay(nextDay(q.to), tz),
  });

  app.get(
    '/api/procedures',
    {
      onRequest: staff,
      schema: {
        summary: 'The procedures a dossier can be for, with their statutory times',
        querystring: {
          type: 'object',
          properties: { all: { type: 'boolean' } },
          additionalProperties: false,
        },
      },
    },
    async (request) => intake.procedures(request.query.all === true),
  );

  app.post(
    '/api/procedures',
    { onRequest: technician, schema: { summary: 'Add a procedure to the list', body: procedureBody } },
    async (request, reply) => {
      const procedure = intake.saveProcedure(request.body);
      app.audit.record(actorOf(request), 'procedure.create', { after: procedure });
      return reply.code(201).send(procedure);
    },
  );

  app.put(
    '/api/procedures/:id',
    {
      onRequest: technician,
      schema: {
        summary: 'Change a procedure; records keep the one they were received under',
        params: idParams,
        body: procedureBody,
      },
    },
    async (request) => {
      const procedure = intake.saveProcedure({ ...request.body, id: request.params.id });
      app.audit.record(actorOf(request), 'procedure.edit', { after: procedure });
      return procedure;
    },
  );

  app.get(
    '/api/calendar',
    {
      onRequest: staff,
      schema: {
        summary: 'The working-day calendar of a year: weekdays off and Saturdays worked',
        querystring: {
          type: 'object',
          properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
          required: ['year'],
          additionalProperties: false,
        },
      },
    },
    async (request) => intake.schedule(request.query.year),
  );

  app.put(
    '/api/calendar/:date',
    {
      onRequest: technician,
      schema: {
        summary: 'Enter the announced schedule for a day: off, worked, or by the rules (null)',
        params: { type: 'object', properties: { date: dayField }, required: ['date'] },
        body: {
          type: 'object',
          properties: { kind: { enum: ['off', 'work', null] }, note: text(200) },
          required: ['kind'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { date } = request.params;
      intake.setDay(date, request.body.kind ?? null, request.body.note ?? '', actor);
      app.audit.record(actor, 'calendar.edit', { date, kind: request.body.kind, note: request.body.note });
      return intake.schedule(Number(date.slice(0, 4)));
    },
  );

  app.get(
    '/api/intake/appointment',
    {
      onRequest: staff,
      schema: {
        summary: 'When a dossier received now (or at receivedAt) would be returned',
        querystring: {
          type: 'object',
          properties: { procedureId: id, receivedAt: { type: 'string', format: 'date-time' } },
          required: ['procedureId'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const procedure = intake.procedures().find((p) => p.id === request.query.procedureId);
      const at = request.query.receivedAt ? Date.parse(request.query.receivedAt) : app.clock.now();
      return {
        appointmentAt: procedure
          ? new Date(intake.appointment(at, procedure.processingDays)).toISOString()
          : null,
      };
    },
  );

  app.post(
    '/api/intake',
    {
      onRequest: staff,
      schema: {
        summary: 'Receive a dossier on paper: the record, its code, its appointment, its receipt printed',
        body: {
          type: 'object',
          properties: {
            applicant: {
              type: 'object',
              properties: {
                fullName: name(120),
                idNumber: { type: 'string', minLength: 1, maxLength: 20 },
                phone: text(20),
                address: text(300),
              },
              required: ['fullName', 'idNumber'],
              additionalProperties: false,
            },
            organization: {
              type: 'object',
              properties: { name: text(200), taxCode: text(20) },
              required: ['name'],
              additionalProperties: false,
            },
            procedureId: id,
            documents: {
              type: 'array',
              minItems: 1,
              maxItems: 40,
              items: {
                type: 'object',
                properties: {
                  name: name(300),
                  copies: { type: 'integer', minimum: 1, maximum: 100 },
                  original: { type: 'boolean' },
                },
                required: ['name', 'copies', 'original'],
                additionalProperties: false,
              },
            },
            sets: { type: 'integer', minimum: 1, maximum: 50 },
            fee: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
            note: text(1000),
            returnMethod: { enum: ['counter', 'post'] },
            reason: { enum: Object.keys(INTAKE_REASONS) },
            lookupFailed: text(200),
            receivedAt: { type: 'string', format: 'date-time' },
            printerId: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,32}$' },
          },
          required: ['applicant', 'procedureId', 'documents', 'sets'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { printerId, receivedAt, reason, ...input } = request.body;
      const actor = actorOf(request);
      const created = intake.create(
        {
          ...input,
          reason: reason as IntakeReason | undefined,
          receivedAt: receivedAt === undefined ? undefined : Date.parse(receivedAt),
        },
        actor,
        printerId ?? options.printerId,
      );
      app.audit.record(actor, 'intake.create', {
        id: created.id,
        code: created.code,
        backdated: receivedAt !== undefined,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/intake/summary',
    { onRequest: staff, schema: { summary: 'How many records are still to be entered (no personal data)' } },
    async () => intake.summary(),
  );

  app.get(
    '/api/intake',
    {
      onRequest: staff,
      schema: {
        summary: 'The register; `status=received,awaiting_lookup` is the re-entry worklist',
        querystring: range,
      },
    },
    async (request) => {
      const list = intake.list(window(request.query));
      app.audit.record(actorOf(request), 'intake.list', { ...request.query, count: list.length });
      return list;
    },
  );

  app.get(
    '/api/intake/:id',
    { onRequest: staff, schema: { summary: 'One record whole (audited)', params: idParams } },
    async (request) => {
      const record = intake.get(request.params.id);
      app.audit.record(actorOf(request), 'intake.view', { id: record.id, code: record.code });
      return record;
    },
  );

  app.get(
    '/api/intake/:id/receipt',
    {
      onRequest: staff,
      schema: { summary: 'The receipt as an A4 page to print (Mẫu 01), audited', params: idParams },
    },
    async (request, reply) => {
      const receipt = intake.receipt(request.params.id);
      app.audit.record(actorOf(request), 'intake.receipt', { id: request.params.id, code: receipt.code });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(receiptHtml(receipt, options.center));
    },
  );

  app.post(
    '/api/intake/:id/print',
    {
      onRequest: staff,
      schema: {
        summary: 'Print the thermal receipt again (marked as a reprint)',
        params: idParams,
        body: {
          type: 'object',
          properties: { printerId: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,32}$' } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const jobId = intake.reprint(request.params.id, request.body?.printerId ?? options.printerId, actor);
      app.audit.record(actor, 'intake.reprint', { id: request.params.id, jobId });
      return reply.code(202).send({ printJobId: jobId });
    },
  );

  app.post(
    '/api/intake/:id/entered',
    {
      onRequest: staff,
      schema: {
        summary: 'Entered in the provincial system, under its official dossier code',
        params: idParams,
        body: {
          type: 'object',
          properties: { officialCode: { type: 'string', minLength: 1, maxLength: 60 } },
          required: ['officialCode'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const record = intake.entered(request.params.id, request.body.officialCode, actor);
      app.audit.record(actor, 'intake.entered', { id: record.id, officialCode: record.officialCode });
      return record;
    },
  );

  app.post(
    '/api/intake/:id/returned',
    { onRequest: staff, schema: { summary: 'The result handed over or posted', params: idParams } },
    async (request) => {
      const actor = actorOf(request);
      const record = intake.returned(request.params.id, actor);
      app.audit.record(actor, 'intake.returned', { id: record.id });
      return record;
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/intake.${format}`,
      {
        onRequest: staff,
        schema: {
          summary: `The register as ${format.toUpperCase()} for a day or a range (audited)`,
          querystring: range,
        },
      },
      async (request, reply) => {
        const rows = intake.list(window(request.query)).map((r) => intakeCells(intake.get(r.id), tz));
        app.audit.record(actorOf(request), 'intake.export', { format, ...request.query, count: rows.length });
        const period =
          request.query.from || request.query.to
            ? ` (${request.query.from ?? '…'} – ${request.query.to ?? '…'})`
            : '';
        const filename = `so-tiep-nhan-ho-so-giay.${format}`;
        reply
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store');
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(csv(INTAKE_HEAD, rows));
        const file = await app.documents.build({
          kind: 'table-xlsx',
          sheetName: 'Sổ tiếp nhận hồ sơ giấy',
          title: `Sổ tiếp nhận hồ sơ trên giấy — ${options.center.name}${period}`,
          head: INTAKE_HEAD,
          rows,
          widths: INTAKE_WIDTHS,
        });
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
      },
    );
  }
};
