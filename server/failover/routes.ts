import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { actorOf, requireRole } from '../auth/guard.js';
import { DAY_MS } from '../day.js';
import { conflict } from '../errors.js';
import type { Failover } from './failover.js';

export const failoverRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const technician = { onRequest: requireRole('technician') };

  /** Mode changes and drills need a QMS to fall back from. */
  const control = (): Failover => {
    const watcher = app.failover.control;
    if (!watcher) {
      throw conflict('standalone', 'Chưa cấu hình QMS (qms.probes): Tiếp Sức đang là hệ thống lấy số chính.');
    }
    return watcher;
  };

  app.get(
    '/api/failover',
    { ...technician, schema: { summary: 'The watcher: state, probes, timeline, last drill' } },
    async () =>
      app.failover.control
        ? app.failover.control.view(Date.now() - DAY_MS)
        : { ...app.failover.status(), probes: [] },
  );

  app.post(
    '/api/failover/mode',
    {
      ...technician,
      schema: {
        summary: 'Set the fallback mode, with a reason',
        body: {
          type: 'object',
          properties: {
            mode: { enum: ['auto', 'force-active', 'force-standby'] },
            reason: { type: 'string', minLength: 3, maxLength: 300 },
          },
          required: ['mode', 'reason'],
          additionalProperties: false,
        },
      },
    },
    async (request) => control().setMode(actorOf(request), request.body.mode, request.body.reason.trim()),
  );

  app.post(
    '/api/failover/drill',
    {
      ...technician,
      schema: {
        summary: 'Start a drill (diễn tập): take over, marked and timed',
        body: {
          type: 'object',
          properties: {
            note: { type: 'string', maxLength: 300 },
            participants: {
              type: 'array',
              items: { type: 'string', minLength: 1, maxLength: 100 },
              maxItems: 30,
            },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      control().startDrill(
        actorOf(request),
        request.body?.note?.trim() || null,
        request.body?.participants ?? [],
      ),
  );

  const described = (summary: string) => ({ ...technician, schema: { summary } });
  app.post('/api/failover/drill/end', described('End the running drill'), async (request) =>
    control().endDrill(actorOf(request)),
  );
  app.post('/api/failover/confirm', described('Confirm a flapping QMS was looked at'), async (request) =>
    control().confirmFlapping(actorOf(request)),
  );
  app.post('/api/failover/drain/end', described('End the handback now'), async (request) => {
    const { status, remaining } = control().endDraining(actorOf(request));
    return { ...status, remaining: app.queue.tickets(app.queue.today(), 'waiting').slice(0, remaining) };
  });
};
