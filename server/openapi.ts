import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../contract/screen.js';
import { SESSION_COOKIE } from './auth/guard.js';
import { roleNames } from './auth/roles.js';

/**
 * The API describes itself: an OpenAPI document generated from the route schemas, served at
 * `/api/openapi.json`. Each route's tag is its first path segment, and the role its
 * `requireRole` hook demands is written into the document, so the roles stay in one place.
 */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addHook('onRoute', (route) => {
    const api = route.url.startsWith('/api/');
    if ((!api && route.url !== '/metrics') || route.schema?.hide) return;
    const role = [route.onRequest ?? []]
      .flat()
      .map((hook) => (hook as { role?: Role }).role)
      .find(Boolean);
    const tag = route.url.split('/')[api ? 2 : 1] as string;
    // Routes share schema objects (the counter actions do), so each gets its own copy.
    route.schema = {
      ...route.schema,
      tags: [tag],
      ...(role
        ? {
            security: [{ session: [] }],
            description: [
              `Vai trò tối thiểu / minimum role: ${role} (${roleNames[role]}).`,
              route.schema?.description,
            ]
              .filter(Boolean)
              .join('\n\n'),
          }
        : {}),
    };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tiếp Sức',
        description:
          'Queue and intake fallback appliance. Errors are `{ error, message }` with a 4xx status and a Vietnamese message. Socket.IO events: docs/api.md.',
        version,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
