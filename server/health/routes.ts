import type { FastifyPluginAsync } from 'fastify';

export interface HealthOptions {
  version: string;
}

/** 200 whenever the process serves; what is degraded is said in the body, not the status. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, options) => {
  app.get('/api/health', { schema: { summary: 'Health: 200 whenever the process serves' } }, async () => {
    const failover = app.failover.status();
    const printers = app.printers.list();
    const degraded = printers.some((p) => p.state === 'error' || p.state === 'offline');
    return {
      status: degraded ? 'degraded' : 'ok',
      mode: failover.mode,
      failover,
      printers,
      devices: app.realtime.devices(),
      version: options.version,
      uptimeSeconds: Math.round(process.uptime()),
    };
  });
};
