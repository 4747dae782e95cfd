import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import type { Server } from 'socket.io';
import { type Account, Accounts } from './auth/accounts.js';
import { type AuditLog, auditLog } from './auth/audit.js';
import { authRoutes } from './auth/routes.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/open.js';
import { Failover } from './failover/failover.js';
import { failoverRoutes } from './failover/routes.js';
import type { FailoverSource } from './failover/status.js';
import { healthRoutes } from './health/routes.js';
import { installErrorHandling } from './http-errors.js';
import { uiRoot } from './paths.js';
import { Printers } from './printing/printers.js';
import { printingRoutes } from './printing/routes.js';
import type { PrinterView } from './printing/types.js';
import { Queue } from './queue/queue.js';
import { queueRoutes } from './queue/routes.js';
import { seedDemo } from './queue/seed.js';
import type { Actor, Snapshot } from './queue/types.js';
import { RealtimeBus } from './realtime/bus.js';
import { attachRealtime, PRINTER_WATCHERS } from './realtime/socket.js';
import { uiRoutes } from './ui.js';
import { version } from './version.js';

declare module 'fastify' {
  interface FastifyInstance {
    accounts: Accounts;
    audit: AuditLog;
    bus: RealtimeBus;
    failover: FailoverSource;
    /** The QMS watcher, when QMS probes are configured; null in standalone. */
    failoverControl: Failover | null;
    io: Server;
    printers: Printers;
    queue: Queue;
    /** What a screen needs to draw itself: the queue, the center and the printers. */
    snapshot(): Snapshot & { center: { name: string; timezone: string }; printers: PrinterView[] };
    /** A one-time link token when `admin` has no password yet; main.ts prints the link. */
    setupToken: string | null;
  }
  interface FastifyRequest {
    account: Account | null;
  }
}

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** `TIEPSUC_ADMIN_PASSWORD`: the first technician's password. */
  adminPassword?: string;
  /** Fill an empty database with the demo center (the default, as on a first start). */
  seed?: boolean;
  /** Where the built screens are; `dist/ui` by default. */
  uiRoot?: string;
  /** Print previews and the virtual printer's jobs; `spool/` beside the database by default. */
  spoolDir?: string;
}

/** With no QMS configured the appliance is the center's queue system. */
const standalone = (since: number): FailoverSource => ({
  status: () => ({ state: 'standalone', mode: 'auto', drill: false, since }),
});

/** Builds the whole appliance on a database; no globals, so tests build as many as they like. */
export async function buildApp(options: AppOptions) {
  const { config, db } = options;
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
    return503OnClosing: true,
    // Unknown fields are an error to report, not something to drop silently.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  });

  installErrorHandling(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  if (options.seed !== false) seedDemo(db);
  const audit = auditLog(db, clock);
  const accounts = new Accounts(db, clock, audit);
  const bus = new RealtimeBus(clock.now());
  const record = (actor: Actor, action: string, detail: Record<string, unknown>) =>
    audit.record(actor, action, detail);
  let failover: FailoverSource = standalone(clock.now());
  const queue = new Queue({
    db,
    clock,
    day: config.center,
    bus,
    failover: { status: () => failover.status() },
    audit: record,
  });
  let control: Failover | null = null;
  if (config.qms.probes.length > 0) {
    control = new Failover({
      db,
      clock,
      qms: config.qms,
      network: config.network,
      bus,
      audit: record,
      fallbackWaiting: () => queue.waitingTotal(),
      logError: (err) => app.log.error({ err }, 'failover tick failed'),
    });
    failover = control;
    const watcher = control;
    app.addHook('onReady', async () => watcher.start());
    app.addHook('onClose', async () => watcher.stop());
  }

  app.decorate('accounts', accounts);
  app.decorate('audit', audit);
  app.decorate('bus', bus);
  app.decorate('failover', failover);
  app.decorate('failoverControl', control);
  const center = { name: config.center.name, timezone: config.center.timezone };
  const printers = new Printers({
    db,
    clock,
    configs: config.printers,
    settings: config.printing,
    center,
    spoolDir: options.spoolDir ?? path.join(path.dirname(db.name), 'spool'),
    logError: (err, message) => app.log.error({ err }, message),
  });
  app.addHook('onReady', async () => printers.start());
  app.addHook('onClose', async () => printers.stop());
  app.decorate('printers', printers);
  app.decorate('queue', queue);
  app.decorate('snapshot', () => ({ ...queue.snapshot(), center, printers: printers.list() }));
  app.decorate('setupToken', await accounts.ensureAdmin(options.adminPassword));
  app.decorateRequest('account', null);
  const io = attachRealtime(app);
  app.decorate('io', io);
  // Not through the versioned bus: a printer flips to `printing` and back for every ticket,
  // which a hundred displays need not hear. The snapshot carries the printers for late joiners.
  printers.on('change', (printer) => io.to(PRINTER_WATCHERS).emit('printer.changed', { printer }));
  printers.on('job', (job) => io.to([`printer:${job.printerId}`, 'tech']).emit('print.job', job));

  await app.register(healthRoutes, { version });
  await app.register(authRoutes, { loginsPerMinutePerClient: config.limits.loginsPerMinutePerClient });
  await app.register(failoverRoutes);
  await app.register(queueRoutes, { ticketsPerMinutePerClient: config.limits.ticketsPerMinutePerClient });
  await app.register(printingRoutes);
  await app.register(uiRoutes, { root: options.uiRoot ?? uiRoot });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
