import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { actorOf, requireRole } from '../auth/guard.js';
import { id } from '../config.js';
import { notFound } from '../errors.js';

const printerParams = { type: 'object', properties: { id }, required: ['id'] } as const;
const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

/** Printers: their state for everyone, test prints, jobs, previews and reprints for the technician. */
export const printingRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const technician = { onRequest: requireRole('technician') };

  app.get('/api/printers', { schema: { summary: 'Each printer, its state and paper' } }, async () =>
    app.printers.list(),
  );

  app.post(
    '/api/printers/:id/test',
    { ...technician, schema: { summary: 'Print a test page', params: printerParams } },
    async (request, reply) => {
      const job = app.printers.test(request.params.id, actorOf(request).username ?? 'technician');
      app.audit.record(actorOf(request), 'printer.test', { printerId: request.params.id, jobId: job.id });
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/api/printers/:id/jobs',
    {
      ...technician,
      schema: {
        summary: "A printer's latest jobs",
        params: printerParams,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
          required: ['limit'],
          additionalProperties: false,
        },
      },
    },
    async (request) => app.printers.jobs(request.params.id, request.query.limit),
  );

  // Public like a ticket itself: a kiosk that missed the push asks whether its ticket printed.
  // A paper-intake receipt's job is staff's business only.
  const staff = requireRole('staff');
  app.get(
    '/api/print-jobs/:id',
    { schema: { summary: 'Whether a print job printed (a kiosk that missed the push)', params: idParams } },
    async (request) => {
      const job = app.printers.job(request.params.id);
      if (!job) throw notFound(`lệnh in ${request.params.id}`);
      if (job.kind === 'receipt') await staff(request);
      return job;
    },
  );

  app.get(
    '/api/print-jobs/:id/preview',
    { ...technician, schema: { summary: 'The PNG of exactly the dots a job sent', params: idParams } },
    async (request, reply) => {
      // A receipt's picture carries a citizen's name: looking at it is audited like the record.
      if (app.printers.job(request.params.id)?.kind === 'receipt') {
        app.audit.record(actorOf(request), 'intake.receipt_preview', { jobId: request.params.id });
      }
      const file = app.printers.previewPath(request.params.id);
      // A few kilobytes; gone when the spool pruned it.
      const png = file && (await readFile(file).catch(() => null));
      if (!png) throw notFound(`ảnh xem trước của lệnh in ${request.params.id}`);
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
    },
  );

  app.post(
    '/api/tickets/:id/reprint',
    {
      ...technician,
      schema: {
        summary: 'Print a ticket again, marked as a reprint',
        params: idParams,
        body: {
          type: ['object', 'null'],
          properties: { printerId: id },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const job = app.printers.reprint(
        request.params.id,
        request.body?.printerId,
        actor.username ?? 'technician',
      );
      app.audit.record(actor, 'ticket.reprint', { ticketId: request.params.id, jobId: job.id });
      return reply.code(202).send(job);
    },
  );
};
