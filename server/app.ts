import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { type Account, Accounts } from './auth/accounts.js';
import type { Actor } from './auth/actor.js';
import { type AuditLog, auditLog } from './auth/audit.js';
import { SESSION_COOKIE } from './auth/guard.js';
import { authRoutes } from './auth/routes.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/open.js';
import { Documents } from './documents/documents.js';
import { DomainBus } from './events.js';
import { Failover } from './failover/failover.js';
import { failoverRoutes } from './failover/routes.js';
import { FailoverSwitch } from './failover/switch.js';
import { healthRoutes } from './health/routes.js';
import { installErrorHandling } from './http-errors.js';
import { AutoIncidents } from './incidents/auto.js';
import { Incidents } from './incidents/incidents.js';
import { incidentRoutes } from './incidents/routes.js';
import { Intake } from './intake/intake.js';
import { intakeRoutes } from './intake/routes.js';
import { Lifecycle } from './lifecycle/lifecycle.js';
import { Metrics } from './metrics/metrics.js';
import { metricsRoutes } from './metrics/routes.js';
import { NetworkWatch } from './network/network.js';
import { Notices } from './notices/notices.js';
import { noticeRoutes } from './notices/routes.js';
import { installOpenApi } from './openapi.js';
import { uiRoot } from './paths.js';
import { PowerWatch } from './power/power.js';
import { Printers } from './printing/printers.js';
import { printingRoutes } from './printing/routes.js';
import { Queue } from './queue/queue.js';
import { queueRoutes } from './queue/routes.js';
import { seedDemo } from './queue/seed.js';
import { Ratings } from './ratings/ratings.js';
import { ratingRoutes } from './ratings/routes.js';
import { Realtime } from './realtime/realtime.js';
import { installSecurityHeaders } from './security.js';
import { LiveSettings, runningConfig } from './setup/live-settings.js';
import { setupRoutes } from './setup/routes.js';
import { WorkingHours } from './setup/working-hours.js';
import { statsRoutes } from './stats/routes.js';
import { Stats } from './stats/stats.js';
import { uiRoutes } from './ui.js';
import { version } from './version.js';

declare module 'fastify' {
  interface FastifyInstance {
    accounts: Accounts;
    audit: AuditLog;
    bus: DomainBus;
    clock: Clock;
    db: Db;
    documents: Documents;
    stats: Stats;
    ratings: Ratings;
    settings: LiveSettings;
    /** Who issues tickets: the QMS watcher (`control`) when QMS probes are set, else standalone. */
    failover: FailoverSwitch;
    incidents: Incidents;
    hours: WorkingHours;
    intake: Intake;
    network: NetworkWatch;
    notices: Notices;
    /** The UPS watcher, when power.ups is configured. */
    power: PowerWatch | null;
    printers: Printers;
    queue: Queue;
    realtime: Realtime;
    /** A one-time link token when `admin` has no password yet; main.ts prints the link. */
    setupToken: string | null;
  }
  interface FastifyRequest {
    account: Account | null;
    /** The hash of the session token the request came with, once a role check has read it. */
    sessionHash: string | null;
  }
}

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Sections the configuration file sets: the technician's page may not change them. */
  fixed?: readonly string[];
  /** `TIEPSUC_ADMIN_PASSWORD`: the first technician's password. */
  adminPassword?: string;
  /** Fill an empty database with the demo center (the default, as on a first start). */
  seed?: boolean;
  /** Where the built screens are; `dist/ui` by default. */
  uiRoot?: string;
  /** Print previews and the virtual printer's jobs; `spool/` beside the database by default. */
  spoolDir?: string;
}

/**
 * Builds the whole appliance on a database; no globals, so tests build as many as they like.
 * Modules are built in the order they need each other and talk through the domain bus; each
 * starts its listeners and timers when the app is ready and removes them when it closes.
 */
export async function buildApp(options: AppOptions) {
  const { db } = options;
  const fixed = options.fixed ?? [];
  const config = runningConfig(db, options.config, fixed);
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 10_000,
    forceCloseConnections: true,
    // An appliance logs what goes wrong, not every kiosk tap: request lines would fill its disk.
    logController: new LogController({ disableRequestLogging: true }),
    // Nor does a request get its own child logger (a pino child per tap, to bind a request id no
    // other line carries); an error line names its request's method and route instead: the route's
    // pattern, never the path or query a citizen's data could be in.
    childLoggerFactory: (logger) => logger,
    return503OnClosing: true,
    // Unknown fields are an error to report, not something to drop silently.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  });

  installErrorHandling(app);
  installSecurityHeaders(app);
  await app.register(cookie);
  // A limit's headers go only with the refusal (429 and Retry-After): no kiosk reads how many
  // taps it has left, and three more headers on every tap's answer are bytes to write and read.
  await app.register(rateLimit, {
    global: false,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
  });

  if (options.seed !== false) seedDemo(db);
  const bus = new DomainBus({
    onListenerError: (err, event, owner) =>
      app.log.error({ err, event, owner }, 'domain event listener failed'),
    inTransaction: () => db.inTransaction,
  });
  const audit = auditLog(db, clock);
  const record = (actor: Actor, action: string, detail: Record<string, unknown>) =>
    audit.record(actor, action, detail);
  const accounts = new Accounts({ db, clock, audit, bus });
  // The Government's calendar is the intake register's; read when a ticket asks, by then it exists.
  const hours = new WorkingHours({
    db,
    clock,
    timezone: config.center.timezone,
    dayOff: (day) => intake.calendar().dayOff(day),
  });
  const queue = new Queue({
    db,
    clock,
    day: config.center,
    bus,
    audit: record,
    admission: (now) => hours.admission(now),
  });
  const failover = new FailoverSwitch(
    {
      bus,
      now: () => clock.now(),
      build: (qms, network) =>
        new Failover({
          db,
          clock,
          qms,
          network,
          bus,
          audit: record,
          fallbackWaiting: () => queue.waitingTotal(),
          logError: (err) => app.log.error({ err }, 'failover tick failed'),
        }),
    },
    config.qms,
    config.network,
  );
  const printers = new Printers({
    db,
    clock,
    configs: config.printers,
    settings: config.printing,
    center: config.center,
    spoolDir: options.spoolDir ?? path.join(path.dirname(db.name), 'spool'),
    bus,
    logError: (err, message) => app.log.error({ err }, message),
  });
  const notices = new Notices({ db, clock, bus });
  const intake = new Intake({
    db,
    clock,
    bus,
    timezone: config.center.timezone,
    center: config.center,
    retentionMonths: config.intake.retentionMonths,
    receipts: (receipt, intakeId, printerId, by) => printers.receiptJob(receipt, intakeId, printerId, by),
    logError: (err) => app.log.error({ err }, 'intake retention sweep failed'),
  });
  intake.seed();
  const incidents = new Incidents({
    db,
    clock,
    bus,
    meanwhile: {
      fallbackTickets: (from, to) => queue.fallbackIssued(from, to),
      paperIntakes: (from, to) => intake.counts(from, to).received,
      notices: (from, to) => notices.shown(from, to),
    },
  });
  incidents.seed();
  const network = new NetworkWatch({
    network: config.network,
    clock,
    bus,
    logError: (err) => app.log.error({ err }, 'network probe round failed'),
  });
  const power = config.power.ups
    ? new PowerWatch({
        ups: config.power.ups,
        clock,
        bus,
        logError: (err) => app.log.error({ err }, 'UPS reading failed'),
      })
    : null;
  const auto = new AutoIncidents({
    incidents,
    notices,
    bus,
    clock,
    printerFaultMinutes: config.incidents.printerFaultMinutes,
    timezone: config.center.timezone,
    now: {
      failover: () => failover.status(),
      printers: () => printers.list(),
      network: () => network.status(),
    },
    logError: (err) => app.log.error({ err }, 'automatic incident failed'),
  });
  const settings = new LiveSettings({
    db,
    now: () => clock.now(),
    config,
    fixed,
    apply: async (section, c) => {
      if (section === 'printers') await printers.reconfigure(c.printers);
      if (section === 'qms' || section === 'network') failover.reconfigure(c.qms, c.network);
      if (section === 'network') network.reprobe(c.network);
      bus.emit('setup.changed', { what: section });
    },
  });
  const documents = new Documents();
  const ratings = new Ratings({ db, clock, bus });
  const stats = new Stats({
    db,
    timezone: config.center.timezone,
    today: () => queue.today(),
  });
  const realtime = new Realtime(app.server, {
    bus,
    clock,
    socketsPerAddress: config.limits.socketsPerAddress,
    // A session still holding a given secret hears only what the public hears.
    session: (header) => {
      const info = accounts.sessionInfo(header ? app.parseCookie(header)[SESSION_COOKIE] : undefined);
      return info?.account.mustChange ? null : info;
    },
    screen: () => {
      const status = failover.status();
      return {
        ...queue.screen(),
        mode: status.mode,
        failover: status,
        center: { name: config.center.name, timezone: config.center.timezone },
        printers: printers.list(),
        notices: notices.active(),
      };
    },
    printerIds: () => printers.list().map((p) => p.id),
  });
  const lifecycle = new Lifecycle({
    db,
    clock,
    bus,
    version,
    logError: (err) => app.log.error({ err }, 'heartbeat not written'),
  });

  app.decorate('accounts', accounts);
  app.decorate('audit', audit);
  app.decorate('bus', bus);
  app.decorate('clock', clock);
  app.decorate('db', db);
  app.decorate('documents', documents);
  app.decorate('failover', failover);
  app.decorate('hours', hours);
  app.decorate('incidents', incidents);
  app.decorate('intake', intake);
  app.decorate('network', network);
  app.decorate('notices', notices);
  app.decorate('power', power);
  app.decorate('printers', printers);
  app.decorate('queue', queue);
  app.decorate('realtime', realtime);
  const metrics = new Metrics({
    bus,
    now: () => clock.now(),
    read: {
      failover: () => failover.status(),
      probes: () => failover.control?.probes() ?? [],
      printers: () => printers.list(),
      screens: () => realtime.devices(),
      openIncidents: () => incidents.list({ status: 'open' }),
      serviceName: (id) => queue.services().find((s) => s.id === id)?.name ?? String(id),
    },
  });
  app.decorate('stats', stats);
  app.decorate('ratings', ratings);
  app.decorate('settings', settings);
  app.decorate('setupToken', await accounts.ensureAdmin(options.adminPassword));
  app.decorateRequest('account', null);
  app.decorateRequest('sessionHash', null);

  // Listeners first, so the process start and the first ticks are heard; the process last.
  app.addHook('onReady', async () => {
    realtime.start();
    metrics.start();
    auto.start();
    queue.subscribe();
    accounts.start();
    notices.start();
    intake.start();
    failover.start();
    printers.start();
    network.start();
    power?.start();
    lifecycle.start();
  });
  app.addHook('preClose', async () => realtime.stop());
  app.addHook('onClose', async () => {
    accounts.stop();
    metrics.stop();
    queue.unsubscribe();
    auto.stop();
    notices.stop();
    intake.stop();
    network.stop();
    power?.stop();
    failover.stop();
    await printers.stop();
    await documents.stop();
    realtime.close();
    lifecycle.stop();
  });

  await installOpenApi(app, version);
  await app.register(healthRoutes, { version });
  await app.register(metricsRoutes, { metrics, access: config.metrics });
  await app.register(authRoutes, {
    loginsPerMinutePerClient: config.limits.loginsPerMinutePerClient,
    timezone: config.center.timezone,
  });
  await app.register(failoverRoutes);
  await app.register(queueRoutes, {
    ticketsPerMinutePerClient: config.limits.ticketsPerMinutePerClient,
    publicUrl: () => config.center.publicUrl,
  });
  await app.register(printingRoutes);
  await app.register(incidentRoutes, { config, paperIntake: (from, to) => intake.counts(from, to) });
  await app.register(intakeRoutes, { center: config.center, printerId: config.intake.printerId });
  await app.register(noticeRoutes, { center: config.center });
  await app.register(statsRoutes);
  await app.register(ratingRoutes);
  await app.register(setupRoutes, { center: config.center });
  await app.register(uiRoutes, {
    root: options.uiRoot ?? uiRoot,
    ticketKnown: (token) => queue.publicTicket(token) !== null,
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
