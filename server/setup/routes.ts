import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { WeekHours } from '../../contract/setup.js';
import { probeFromConfig, probeWithRetry } from '../../drivers/probes/probes.js';
import { actorOf, requireRole } from '../auth/guard.js';
import { configSchema, parseConfig } from '../config.js';
import { atomically } from '../db/open.js';
import { badRequest, ConfigError, notFound } from '../errors.js';
import { dayField, idParams } from '../schemas.js';

const SETUP_FORMAT = 'tiep-suc-setup';
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
const week = {
  type: 'object',
  properties: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day },
  additionalProperties: false,
} as const;

/** What `GET /api/setup/export` writes and `POST /api/setup/import` reads: one center's setup. */
const setupFile = {
  type: 'object',
  properties: {
    format: { const: SETUP_FORMAT },
    version: { const: 1 },
    exportedAt: { type: 'string' },
    center: { type: 'string' },
    services: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: serviceFields,
        required: ['name', 'nameEn', 'prefix'],
        additionalProperties: false,
      },
    },
    counters: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          number: counterFields.number,
          name,
          services: { type: 'array', items: serviceFields.prefix, maxItems: 50 },
          priorityFirst: { type: 'boolean' },
        },
        required: ['number', 'name', 'services'],
        additionalProperties: false,
      },
    },
    hours: week,
    procedures: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 300 },
          field: { type: 'string', minLength: 1, maxLength: 100 },
          processingDays: { type: 'integer', minimum: 0, maximum: 365 },
          active: { type: 'boolean' },
        },
        required: ['name', 'field', 'processingDays', 'active'],
        additionalProperties: false,
      },
    },
    calendar: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        properties: {
          date: dayField,
          kind: { enum: ['off', 'work'] },
          note: { type: 'string', maxLength: 200 },
        },
        required: ['date', 'kind', 'note'],
        additionalProperties: false,
      },
    },
  },
  required: ['format', 'version', 'services', 'counters', 'hours', 'procedures', 'calendar'],
  additionalProperties: false,
} as const;

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
export interface SetupRouteOptions {
  /** Named in an exported file, so the center it came from is known. */
  center: { readonly name: string };
}

/** A schema without its own `default`: a section left out of a change stays as it is, not reset. */
const noDefault = <T extends { default?: unknown }>({ default: _, ...rest }: T) => rest;

export const setupRoutes: FastifyPluginAsyncJsonSchemaToTs<{ Options: SetupRouteOptions }> = async (
  app,
  options,
) => {
  const { queue, hours, intake } = app;
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

  const setupDone = () => app.db.prepare("SELECT 1 FROM meta WHERE key = 'setup_done'").get() !== undefined;
  const settingsView = () => ({
    hours: hours.week(),
    extras: hours.extras(),
    ...app.settings.view(),
    setupDone: setupDone(),
  });

  app.get(
    '/api/settings',
    {
      onRequest: technician,
      schema: {
        summary:
          'Working hours, extra sessions, the center, printers, QMS and network probes, and which of them the configuration file fixes',
      },
    },
    async () => settingsView(),
  );

  const { center, printers, qms, network } = configSchema.properties;
  app.patch(
    '/api/settings',
    {
      onRequest: technician,
      schema: {
        summary:
          'Change settings while running: each section given is checked as the config file is, stored, audited and applied at once',
        body: {
          type: 'object',
          properties: {
            hours: week,
            // The center's name, where it belongs and the address on its QR codes; its time zone and
            // day start stay in the file.
            center: {
              type: 'object',
              properties: {
                name: noDefault(center.properties.name),
                parentBody: noDefault(center.properties.parentBody),
                place: noDefault(center.properties.place),
                publicUrl: center.properties.publicUrl,
              },
              additionalProperties: false,
            },
            printers: noDefault(printers),
            qms: noDefault(qms),
            network: noDefault(network),
          },
          minProperties: 1,
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { hours: weekHours, ...sections } = request.body;
      // Everything is checked before anything changes: hours, then the sections together.
      if (weekHours) checkWeek(weekHours as WeekHours);
      for (const { section, before, after } of await app.settings.change(sections, actor.username)) {
        app.audit.record(actor, `settings.${section}`, { before, after });
      }
      if (weekHours) {
        const before = hours.week();
        hours.setWeek(weekHours as WeekHours);
        app.audit.record(actor, 'settings.hours', { before, after: weekHours });
      }
      return settingsView();
    },
  );

  app.post(
    '/api/settings/qms/try',
    {
      onRequest: technician,
      schema: {
        summary: 'Try a QMS probe once, before saving it',
        body: {
          type: 'object',
          properties: { probe: qms.properties.probes.items },
          required: ['probe'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const probe = request.body.probe;
      try {
        parseConfig({ qms: { probes: [probe] } });
      } catch (err) {
        if (err instanceof ConfigError) throw badRequest('bad_setting', err.message);
        throw err;
      }
      const result = await probeWithRetry(probeFromConfig(probe), () => app.clock.now());
      return { ok: result.ok, latencyMs: result.latencyMs, error: result.error };
    },
  );

  app.post(
    '/api/settings/setup-done',
    { onRequest: technician, schema: { summary: 'The guided first setup is finished (or skipped)' } },
    async (request) => {
      app.db
        .prepare(
          "INSERT INTO meta (key, value) VALUES ('setup_done', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(new Date(app.clock.now()).toISOString());
      app.audit.record(actorOf(request), 'setup.done', {});
      return settingsView();
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

  app.get(
    '/api/setup/export',
    {
      onRequest: technician,
      schema: { summary: 'The setup as one JSON file, to set up another center like this one' },
    },
    async (request, reply) => {
      app.audit.record(actorOf(request), 'setup.export');
      const prefixOf = new Map(queue.allServices().map((s) => [s.id, s.prefix]));
      return reply.header('content-disposition', 'attachment; filename="thiet-lap-trung-tam.json"').send({
        format: SETUP_FORMAT,
        version: 1,
        exportedAt: new Date(app.clock.now()).toISOString(),
        center: options.center.name,
        services: queue.allServices().map(({ id, code, ...s }) => s),
        counters: queue.counters().map((c) => ({
          number: c.number,
          name: c.name,
          services: c.serviceIds.map((id) => prefixOf.get(id) as string),
          priorityFirst: c.priorityFirst,
        })),
        hours: hours.week(),
        procedures: intake.procedures(true).map(({ id, ...p }) => p),
        calendar: intake.overrides(),
      });
    },
  );

  app.post(
    '/api/setup/import',
    {
      onRequest: technician,
      bodyLimit: 1_048_576,
      schema: {
        summary: 'Set this center up from an exported file, all or nothing',
        body: setupFile,
      },
    },
    async (request) => {
      const file = request.body;
      checkWeek(file.hours as WeekHours);
      const actor = actorOf(request);
      // One transaction: a file that fails halfway (a letter taken twice) changes nothing.
      atomically(app.db, () => {
        const existing = queue.allServices();
        const listed = new Set(file.services.map((s) => s.prefix.toUpperCase()));
        // Services the file does not list leave the kiosk first, so their letters are free.
        for (const s of existing) if (!listed.has(s.prefix)) queue.saveService(s.id, { ...s, active: false });
        for (const s of file.services) {
          const same = existing.find((e) => e.prefix === s.prefix.toUpperCase());
          queue.saveService(same?.id ?? null, { ...same, ...s });
        }
        const idOf = new Map(queue.allServices().map((s) => [s.prefix, s.id]));
        const counters = queue.counters();
        for (const c of file.counters) {
          const serviceIds = c.services.map((prefix) => {
            const id = idOf.get(prefix.toUpperCase());
            if (id === undefined)
              throw badRequest(
                'unknown_service',
                `Quầy ${c.number} phục vụ lĩnh vực ${prefix} không có trong tệp.`,
              );
            return id;
          });
          const same = counters.find((x) => x.number === c.number);
          queue.saveCounter(same?.id ?? null, {
            number: c.number,
            name: c.name,
            serviceIds,
            priorityFirst: c.priorityFirst,
          });
        }
        hours.setWeek(file.hours as WeekHours);
        const procedures = intake.procedures(true);
        for (const p of file.procedures)
          intake.saveProcedure({ ...p, id: procedures.find((x) => x.name === p.name.trim())?.id });
        for (const d of file.calendar) intake.setDay(d.date, d.kind, d.note, actor);
      });
      queue.announceSetup('services');
      const counts = {
        services: file.services.length,
        counters: file.counters.length,
        procedures: file.procedures.length,
        calendar: file.calendar.length,
      };
      app.audit.record(actor, 'setup.import', { from: file.center ?? null, ...counts });
      return counts;
    },
  );
};
