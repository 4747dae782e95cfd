import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { REASONS } from '../../contract/ratings.js';
import { actorOf, requireRole } from '../auth/guard.js';
import { idParams } from '../schemas.js';

/** The satisfaction tablet's two routes, for the counter clerk's session it is signed in with. */
export const ratingRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const staff = requireRole('staff');

  app.get(
    '/api/counters/:id/rateable',
    {
      onRequest: staff,
      schema: {
        summary: 'The ticket this counter just finished, if it is yours and waits for its rating',
        params: idParams,
      },
    },
    async (request) => ({ rateable: app.ratings.rateable(request.params.id, actorOf(request)) }),
  );

  app.post(
    '/api/ratings',
    {
      onRequest: staff,
      schema: {
        summary: 'A citizen rates the ticket the counter just finished (one rating per ticket)',
        body: {
          type: 'object',
          properties: {
            ticketId: { type: 'integer', minimum: 1 },
            score: { enum: [1, 2, 3, 4] },
            reasons: { type: 'array', items: { enum: REASONS }, maxItems: REASONS.length },
            comment: { type: 'string', maxLength: 500 },
          },
          required: ['ticketId', 'score'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => reply.code(201).send(app.ratings.record(request.body, actorOf(request))),
  );
};
