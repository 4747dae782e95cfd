import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { actorOf, requireRole } from '../auth/guard.js';
import { badRequest, notFound } from '../errors.js';
import { idParams } from '../schemas.js';
import type { WeekHours } from './hours.js';

const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
const serviceFields = {
  name,
  nameEn: name,
  prefix: { type: 'string', pattern: '^[A-Za-z]$' },
  position: { type: 'integer', minimum: 0, maximum: 999 },
  active: { type: 'boolean' },
  capPerSession: { type: ['integer', 'null'], minimum: 1, maximum: 9999 },
} as const;
const counterFields = {
  number: { type: 'integer', minimum: 1, maximum: 999 },
  name,
  serviceIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 50 },
  priorityFirst: { type: 'boolean' },
} as const;
const hhmm = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' } as const;
const session = {
  type: 'object',
  properties: { session: { enum: ['morning', 'afternoon'] }, opens: hhmm, closes: hhmm },
  required: ['session', 'opens', 'closes'],
  additionalProperties: false,
} as const;
const day = { type: 'array', items: session, maxItems: 2 } as const;

/** Each session ends after it starts, and the morning before the afternoon: else 400 naming it. */
function checkWeek(week: WeekHours): void {
  for (const [weekday, sessions = []] of Object.entries(week)) {
    sessions.forEach((s, i) => {
      if (s.closes <= s.opens)
        throw badRequest(
          'invalid_hours',
          `Giờ làm việc sai ở "hours.${weekday}.${i}": giờ đóng phải sau giờ mở.`,
        );
    });
    const [first, second] = sessions;
    if (first && second && (first.session === second.session || first.closes > second.opens))
      throw badRequest(
        'invalid_hours',
        `Giờ làm việc sai ở "hours.${weekday}": buổi sáng và buổi chiều chồng nhau.`,
      );
  }
}

/**
 * Setting up the center from the technician's page: services, counters, working hours and
 * extra sessions. Every change is audited with what it replaced, and the screens redraw at once.
 */
export const setupRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const { queue, hours } = app;
  const technician = requireRole('technician');

  app.get(
    '/api/setup/services',
    { onRequest: technician, schema: { summary: 'Every service, those off the kiosk too, with its cap' } },
    async () => queue.allServices(),
  );

  app.post(
    '/api/services',
    {
      onRequest: technician,
      schema: {
        summary: 'Add a service (lĩnh vực) to the kiosk',
        body: {
          type: 'object',
          properties: serviceFields,
          required: ['name', 'nameEn', 'prefix'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { after } = queue.saveService(null, request.body);
      app.audit.record(actorOf(request), 'service.create', { after });
      return reply.code(201).send(after);
    },
  );

  app.patch(
    '/api/services/:id',
    {
      onRequest: technician,
      schema: {
        summary: 'Rename, reorder, take off the kiosk or cap a service',
        params: idParams,
        body: { type: 'object', properties: serviceFields, additionalProperties: false, minProperties: 1 },
      },
    },
    async (request) => {
      const current = queue.allServices().find((s) => s.id === request.params.id);
      if (!current) throw notFound(`lĩnh vực ${request.params.id}`);
      const { before, after } = queue.saveService(current.id, { ...current, ...request.body });
      app.audit.record(actorOf(request), 'service.update', { before, after });
      return after;
    },
  );

  app.post(
    '/api/counters',
    {
      onRequest: technician,
      schema: {
        summary: 'Add a counter with the services it serves',
        body: {
          type: 'object',
          properties: counterFields,
          required: ['number', 'name', 'serviceIds'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { after } = queue.saveCounter(null, request.body);
      app.audit.record(actorOf(request), 'counter.create', { after });
      return reply.code(201).send(after);
    },
  );

  app.patch(
    '/api/counters/:id',
    {
      onRequest: technician,
      schema: {
        summary: "Change a counter's number, name, services or calling order",
        params: idParams,
        body: { type: 'object', properties: counterFields, additionalProperties: false, minProperties: 1 },
      },
    },
    async (request) => {
      const current = queue.counters().find((c) => c.id === request.params.id);
      if (!current) throw notFound(`quầy ${request.params.id}`);
      const { before, after } = queue.saveCounter(current.id, { ...current, ...request.body });
      app.audit.record(actorOf(request), 'counter.update', { before, after });
      return after;
    },
  );

  app.get(
    '/api/settings',
    {
      onRequest: technician,
      schema: { summary: 'Working hours per weekday and the extra sessions to come' },
    },
    async () => ({ hours: hours.week(), extras: hours.extras() }),
  );

  app.patch(
    '/api/settings',
    {
      onRequest: technician,
      schema: {
        summary: 'Set the working hours (an empty week: always open)',
        body: {
          type: 'object',
          properties: {
            hours: {
              type: 'object',
              properties: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day },
              additionalProperties: false,
            },
          },
          required: ['hours'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const week = request.body.hours as WeekHours;
      checkWeek(week);
      const before = hours.week();
      hours.setWeek(week);
      app.audit.record(actorOf(request), 'settings.hours', { before, after: week });
      return { hours: hours.week(), extras: hours.extras() };
    },
  );

  app.post(
    '/api/settings/extra-sessions',
    {
      onRequest: technician,
      schema: {
        summary: 'Open an extra session outside the hours (a Saturday, an hour past closing)',
        body: {
          type: 'object',
          properties: {
            opensAt: { type: 'string', format: 'date-time' },
            closesAt: { type: 'string', format: 'date-time' },
            reason: { type: 'string', minLength: 1, maxLength: 200 },
          },
          required: ['opensAt', 'closesAt', 'reason'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const opensAt = Date.parse(request.body.opensAt);
      const closesAt = Date.parse(request.body.closesAt);
      if (closesAt <= opensAt)
        throw badRequest('invalid_hours', 'Giờ kết thúc phải sau giờ bắt đầu ("closesAt").');
      if (closesAt <= app.clock.now())
        throw badRequest('invalid_hours', 'Buổi làm thêm đã kết thúc ("closesAt").');
      const extra = hours.openExtra({ opensAt, closesAt, reason: request.body.reason }, actorOf(request));
      app.audit.record(actorOf(request), 'settings.extra_session', { ...extra });
      return reply.code(201).send(extra);
    },
  );

  app.post(
    '/api/settings/extra-sessions/:id/close',
    { onRequest: technician, schema: { summary: 'End an extra session now', params: idParams } },
    async (request) => {
      if (!hours.closeExtra(request.params.id)) throw notFound(`buổi làm thêm ${request.params.id}`);
      app.audit.record(actorOf(request), 'settings.extra_session_closed', { id: request.params.id });
      return { hours: hours.week(), extras: hours.extras() };
    },
  );
};
