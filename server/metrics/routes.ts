import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Metrics } from './metrics.js';

export interface MetricsOptions {
  metrics: Metrics;
  access: Config['metrics'];
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A scraper from an allowed address, or one that shows the configured bearer token. */
export function mayScrape(request: FastifyRequest, access: Config['metrics']): boolean {
  const address = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
  if (access.allow.includes(address)) return true;
  const header = request.headers.authorization ?? '';
  return access.token !== null && header.startsWith('Bearer ') && sameSecret(header.slice(7), access.token);
}

export const metricsRoutes: FastifyPluginAsync<MetricsOptions> = async (app, { metrics, access }) => {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus text format; for an allowed address or the configured bearer token',
      },
      onRequest: async (request) => {
        if (!mayScrape(request, access))
          throw new AppError(
            401,
            'metrics_forbidden',
            'Không được đọc số liệu giám sát: cần mã (Bearer) hoặc địa chỉ trong metrics.allow.',
          );
      },
    },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.text();
    },
  );
};
