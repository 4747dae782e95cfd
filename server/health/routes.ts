import type { FastifyPluginAsync } from 'fastify';
import type { StatusStrip } from '../../contract/screen.js';
import { requireRole } from '../auth/guard.js';

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

  app.get(
    '/api/status',
    {
      onRequest: requireRole('technician'),
      schema: { summary: "The technician's strip: QMS, network, printers, screens up and gone" },
    },
    async (): Promise<StatusStrip> => {
      const control = app.failover.control;
      return {
        qms: control
          ? {
              state: control.status().state,
              probes: control
                .probes()
                .filter((p) => p.role === 'qms')
                .map((p) => ({ label: p.label, last: p.last })),
            }
          : null,
        network: app.network.status(),
        printers: app.printers.list(),
        screens: app.realtime.screens(),
      };
    },
  );
};
