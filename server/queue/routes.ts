import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { afterAnswer } from '../after-answer.js';
import { actorOf, requireRole } from '../auth/guard.js';
import { AppError, badRequest, conflict } from '../errors.js';
import { issues } from '../failover/status.js';
import { dayField } from '../schemas.js';
import { lanAddressEvery, PUBLIC_POLLS_PER_MINUTE, publicBase, publicLink } from './public-link.js';
import { TICKET_STATUSES } from './ticket-state.js';

const counterParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;
const reason = { type: 'string', maxLength: 200 } as const;
/** Every counter action may take the counter over from the clerk holding it, on purpose. */
const takeover = { type: 'boolean' } as const;

/** Ticket fields, for fast-json-stringify: the kiosk's one hot response is serialized from this. */
const ticketResponse = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    number: { type: 'string' },
    serviceId: { type: 'integer' },
    priority: { type: 'boolean' },
    status: { type: 'string' },
    origin: { type: 'string' },
    issuedAt: { type: 'string' },
    queuedAt: { type: 'string' },
    calledAt: { type: ['string', 'null'] },
    finishedAt: { type: ['string', 'null'] },
    counterId: { type: ['integer', 'null'] },
    targetCounterId: { type: ['integer', 'null'] },
    waitingBefore: { type: 'integer' },
    publicToken: { type: 'string' },
    publicUrl: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

/** The same calm answer for a token that never was and one whose day has ended. */
const unknownTicket = () =>
  new AppError(404, 'not_found', 'Không tìm thấy số này. Đường dẫn trên vé chỉ dùng được trong ngày lấy số.');

export interface QueueRouteOptions {
  ticketsPerMinutePerClient: number;
  /** The address phones reach the appliance by, when set (`center.publicUrl`, live from /tech). */
  publicUrl: () => string | undefined;
}

export const queueRoutes: FastifyPluginAsyncJsonSchemaToTs<{ Options: QueueRouteOptions }> = async (
  app,
  options,
) => {
  const queue = app.queue;
  const lan = lanAddressEvery(60_000, () => app.clock.now());

  app.get('/api/services', { schema: { summary: 'The active services (lĩnh vực), kiosk order' } }, async () =>
    queue.services().map(({ id, code, name, nameEn, prefix }) => ({ id, code, name, nameEn, prefix })),
  );

  app.get('/api/counters', { schema: { summary: 'The counters and the services each serves' } }, async () =>
    queue
      .counters()
      .map(({ id, number, name, serviceIds, status }) => ({ id, number, name, serviceIds, status })),
  );

  app.get(
    '/api/queue',
    { schema: { summary: 'The screen snapshot, as the socket sends it on connect' } },
    async () => app.realtime.snapshot(),
  );

  app.post(
    '/api/tickets',
    {
      schema: {
        summary: 'Issue a ticket (the kiosk); Idempotency-Key makes a retry the same ticket',
        body: {
          type: 'object',
          properties: {
            serviceId: { type: 'integer', minimum: 1 },
            priority: { type: 'boolean' },
            printerId: { type: 'string', maxLength: 32 },
          },
          required: ['serviceId'],
          additionalProperties: false,
        },
        response: { 201: ticketResponse },
      },
      config: { rateLimit: { max: options.ticketsPerMinutePerClient, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > 100)) {
        throw badRequest('invalid_request', 'Khóa "Idempotency-Key" phải dài từ 1 đến 100 ký tự.');
      }
      const failover = app.failover.status();
      if (!issues(failover.state)) {
        throw conflict(
          'standby',
          'Hệ thống lấy số chính (QMS) đang hoạt động; vui lòng lấy số tại máy chính.',
        );
      }
      const base = publicBase(options.publicUrl(), request.headers.host, lan, request.socket.localPort ?? 80);
      const print = app.printers.ticketJob(request.body.printerId, base);
      const ticket = await queue.issue(
        {
          serviceId: request.body.serviceId,
          priority: request.body.priority,
          idempotencyKey: key,
          client: request.ip,
          // A drill's tickets are marked as drill, not counted as fallback in the reports.
          fallback: failover.state !== 'standalone' && !failover.drill,
          drill: failover.drill,
        },
        print.hook,
      );
      try {
        return reply.code(201).send({ ...ticket, publicUrl: publicLink(base, ticket.publicToken) });
      } finally {
        // The citizen's answer is written first; announcing the job and starting the printer can wait.
        afterAnswer(print.after);
      }
    },
  );

  app.get(
    '/api/public/tickets/:token',
    {
      schema: {
        summary: "A ticket's live page data, by the token on its QR (no login, nothing personal)",
        // Any text: what is not a token of today is the same calm 404, never a 400.
        params: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] },
      },
      // A guesser of 128-bit tokens gets nowhere at any rate; this only bounds the load. High
      // enough for a Wi-Fi that puts every phone behind one address (15 polls a minute each).
      config: { rateLimit: { max: PUBLIC_POLLS_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const ticket = queue.publicTicket(request.params.token);
      if (!ticket) throw unknownTicket();
      // Each answer is the moment's: a phone or a proxy keeping it would hide the call.
      reply.header('cache-control', 'no-store');
      return ticket;
    },
  );

  const staff = requireRole('staff');

  app.get(
    '/api/tickets',
    {
      onRequest: staff,
      schema: {
        summary: "A day's tickets, optionally of one status",
        querystring: {
          type: 'object',
          properties: {
            day: dayField,
            status: { enum: TICKET_STATUSES },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => queue.tickets(request.query.day ?? queue.today(), request.query.status),
  );

  // These need no body (`curl -X POST` works); `{ takeover: true }` takes the counter over.
  const action = (summary: string) =>
    ({
      onRequest: staff,
      schema: {
        params: counterParams,
        summary,
        body: { type: ['object', 'null'], properties: { takeover }, additionalProperties: false },
      },
    }) as const;

  app.post(
    '/api/counters/:id/open',
    action('Sign in to the counter: it is yours until you sign out'),
    async (request) => ({
      counter: queue.open(request.params.id, actorOf(request), request.body ?? {}),
    }),
  );
  app.post('/api/counters/:id/close', action('Sign out of the counter'), async (request) => ({
    counter: queue.close(request.params.id, actorOf(request), request.body ?? {}),
  }));
  app.post(
    '/api/counters/:id/next',
    action('Finish the current ticket and call the next'),
    async (request) => ({
      ticket: queue.next(request.params.id, actorOf(request), request.body ?? {}),
    }),
  );
  app.post('/api/counters/:id/recall', action('Call the current ticket again'), async (request) => ({
    ticket: queue.recall(request.params.id, actorOf(request), request.body ?? {}),
  }));
  app.post('/api/counters/:id/start', action('Start serving the called ticket'), async (request) => ({
    ticket: queue.start(request.params.id, actorOf(request), request.body ?? {}),
  }));
  app.post('/api/counters/:id/no-show', action('Mark the called citizen absent'), async (request) => ({
    ticket: queue.noShow(request.params.id, actorOf(request), request.body ?? {}),
  }));
  app.post('/api/counters/:id/done', action('Finish the current ticket'), async (request) => ({
    ticket: queue.done(request.params.id, actorOf(request), request.body ?? {}),
  }));

  app.post(
    '/api/counters/:id/transfer',
    {
      onRequest: staff,
      schema: {
        summary: 'Transfer the current ticket to a service or a counter, keeping its number and place',
        params: counterParams,
        body: {
          type: 'object',
          properties: {
            serviceId: { type: 'integer', minimum: 1 },
            counterId: { type: 'integer', minimum: 1 },
            takeover,
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { takeover: take, ...target } = request.body;
      return { ticket: queue.transfer(request.params.id, target, actorOf(request), { takeover: take }) };
    },
  );

  app.post(
    '/api/counters/:id/call',
    {
      onRequest: staff,
      schema: {
        summary: 'Call a number typed by hand (a skipped ticket, or an old QMS number)',
        params: counterParams,
        body: {
          type: 'object',
          properties: {
            number: { type: 'string', minLength: 1, maxLength: 20 },
            serviceId: { type: 'integer', minimum: 1 },
            takeover,
          },
          required: ['number'],
          additionalProperties: false,
        },
      },
    },
    async (request) => ({
      ticket: queue.callNumber(
        request.params.id,
        request.body.number,
        actorOf(request),
        request.body.serviceId,
        request.body,
      ),
    }),
  );

  app.post(
    '/api/counters/:id/pause',
    {
      onRequest: staff,
      schema: {
        summary: 'Pause the counter, with a reason',
        params: counterParams,
        body: {
          type: 'object',
          properties: { reason, takeover },
          required: ['reason'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const why = request.body.reason.trim();
      if (!why) throw badRequest('reason_required', 'Hãy ghi lý do tạm dừng quầy.');
      return { counter: queue.pause(request.params.id, why, actorOf(request), request.body) };
    },
  );

  app.post(
    '/api/counters/:id/resume',
    {
      onRequest: staff,
      schema: {
        summary: 'Resume a paused counter',
        params: counterParams,
        body: { type: ['object', 'null'], properties: { reason, takeover }, additionalProperties: false },
      },
    },
    async (request) => ({
      counter: queue.resume(
        request.params.id,
        actorOf(request),
        request.body?.reason?.trim() || null,
        request.body ?? {},
      ),
    }),
  );
};
