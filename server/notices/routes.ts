import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { actorName } from '../auth/actor.js';
import { actorOf, requireRole } from '../auth/guard.js';
import { noticeTexts } from './texts.js';

export interface NoticeRouteOptions {
  center: { name: string; timezone: string };
}

const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

/** Notices to citizens (plan 2.9): public to read, written and ended by leaders. */
export const noticeRoutes: FastifyPluginAsyncJsonSchemaToTs<{ Options: NoticeRouteOptions }> = async (
  app,
  options,
) => {
  const { notices } = app;
  const leader = requireRole('leader');

  app.get('/api/notices', { schema: { summary: 'The notices up now, as the screens show them' } }, async () =>
    notices.active(),
  );

  app.post(
    '/api/notices',
    {
      onRequest: leader,
      schema: {
        summary:
          'Put up a notice on the hall displays and the kiosk; answers it with its texts for other channels',
        body: {
          type: 'object',
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 500 },
            level: { enum: ['info', 'warning', 'urgent'] },
            endsAt: { type: 'string', format: 'date-time' },
          },
          required: ['text', 'level'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const notice = notices.create({
        text: request.body.text,
        level: request.body.level,
        endsAt: request.body.endsAt === undefined ? undefined : Date.parse(request.body.endsAt),
        by: actorName(actor),
      });
      app.audit.record(actor, 'notice.create', { id: notice.id, level: notice.level, text: notice.text });
      return reply.code(201).send({ notice, texts: noticeTexts(notice, options.center) });
    },
  );

  app.post(
    '/api/notices/:id/end',
    { onRequest: leader, schema: { summary: 'Take a notice down', params: idParams } },
    async (request) => {
      const actor = actorOf(request);
      const notice = notices.end(request.params.id, actorName(actor));
      app.audit.record(actor, 'notice.end', { id: notice.id });
      return notice;
    },
  );

  app.get(
    '/api/notices/:id/texts',
    {
      onRequest: leader,
      schema: { summary: 'A notice worded for the loudspeaker, Zalo and Facebook', params: idParams },
    },
    async (request) => noticeTexts(notices.notice(request.params.id), options.center),
  );
};
