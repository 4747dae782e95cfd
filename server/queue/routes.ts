import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf, requireRole } from '../auth/guard.js';
import { DAY_PATTERN } from '../day.js';
import { badRequest } from '../errors.js';
import { TICKET_STATUSES } from './ticket-state.js';

const CounterParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

export interface QueueRouteOptions {
  ticketsPerMinutePerClient: number;
}

export const queueRoutes: FastifyPluginAsyncTypebox<QueueRouteOptions> = async (app, options) => {
  const queue = app.queue;

  app.get('/api/services', async () =>
    queue.services().map(({ id, code, name, nameEn, prefix }) => ({ id, code, name, nameEn, prefix })),
  );

  app.get('/api/counters', async () =>
    queue
      .counters()
      .map(({ id, number, name, serviceIds, status }) => ({ id, number, name, serviceIds, status })),
  );

  app.get('/api/queue', async () => queue.snapshot());

  app.post(
    '/api/tickets',
    {
      schema: {
        body: Type.Object(
          {
            serviceId: Type.Integer({ minimum: 1 }),
            priority: Type.Optional(Type.Boolean()),
            printerId: Type.Optional(Type.String({ maxLength: 32 })),
          },
          { additionalProperties: false },
        ),
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        }),
      },
      config: { rateLimit: { max: options.ticketsPerMinutePerClient, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const ticket = queue.issue({
        serviceId: request.body.serviceId,
        priority: request.body.priority,
        idempotencyKey: request.headers['idempotency-key'],
        client: request.ip,
      });
      return reply.code(201).send(ticket);
    },
  );

  const staff = requireRole('staff');

  app.get(
    '/api/tickets',
    {
      onRequest: staff,
      schema: {
        querystring: Type.Object(
          {
            day: Type.Optional(Type.String({ pattern: DAY_PATTERN.source })),
            status: Type.Optional(Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s)))),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => queue.tickets(request.query.day ?? queue.today(), request.query.status),
  );

  const action = { onRequest: staff, schema: { params: CounterParams, body: Empty } };

  app.post('/api/counters/:id/next', action, async (request) => ({
    ticket: queue.next(request.params.id, actorOf(request)),
  }));
  app.post('/api/counters/:id/recall', action, async (request) => ({
    ticket: queue.recall(request.params.id, actorOf(request)),
  }));
  app.post('/api/counters/:id/start', action, async (request) => ({
    ticket: queue.start(request.params.id, actorOf(request)),
  }));
  app.post('/api/counters/:id/no-show', action, async (request) => ({
    ticket: queue.noShow(request.params.id, actorOf(request)),
  }));
  app.post('/api/counters/:id/done', action, async (request) => ({
    ticket: queue.done(request.params.id, actorOf(request)),
  }));

  app.post(
    '/api/counters/:id/transfer',
    {
      onRequest: staff,
      schema: {
        params: CounterParams,
        body: Type.Object(
          {
            serviceId: Type.Optional(Type.Integer({ minimum: 1 })),
            counterId: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ ticket: queue.transfer(request.params.id, request.body, actorOf(request)) }),
  );

  app.post(
    '/api/counters/:id/call',
    {
      onRequest: staff,
      schema: {
        params: CounterParams,
        body: Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 20 }),
            serviceId: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      ticket: queue.callNumber(
        request.params.id,
        request.body.number,
        actorOf(request),
        request.body.serviceId,
      ),
    }),
  );

  app.post(
    '/api/counters/:id/pause',
    {
      onRequest: staff,
      schema: {
        params: CounterParams,
        body: Type.Object({ reason: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const reason = request.body.reason.trim();
      if (!reason) throw badRequest('reason_required', 'Hãy ghi lý do tạm dừng quầy.');
      return { counter: queue.pause(request.params.id, reason, actorOf(request)) };
    },
  );

  app.post(
    '/api/counters/:id/resume',
    {
      onRequest: staff,
      schema: {
        params: CounterParams,
        body: Type.Optional(
          Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: false },
          ),
        ),
      },
    },
    async (request) => ({
      counter: queue.resume(request.params.id, actorOf(request), request.body?.reason?.trim() || null),
    }),
  );
};
