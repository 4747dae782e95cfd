import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { SESSION_MS } from './accounts.js';
import { actorOf, requireRole, SESSION_COOKIE } from './guard.js';
import { ROLES } from './roles.js';
import { setupPage } from './setup-page.js';

const Credentials = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export interface AuthRouteOptions {
  loginsPerMinutePerClient: number;
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRouteOptions> = async (app, options) => {
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, maxAge: SESSION_MS / 1000 };

  app.post(
    '/api/auth/login',
    {
      schema: { body: Credentials },
      config: { rateLimit: { max: options.loginsPerMinutePerClient, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const { account, token } = await app.accounts.login(
        request.body.username,
        request.body.password,
        request.ip,
      );
      reply.setCookie(SESSION_COOKIE, token, cookie);
      return { account };
    },
  );

  app.post('/api/auth/logout', { onRequest: requireRole('staff') }, async (request, reply) => {
    app.accounts.logout(request.cookies[SESSION_COOKIE] as string, actorOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { onRequest: requireRole('staff') }, async (request) => ({
    account: request.account,
  }));

  app.post(
    '/api/auth/setup',
    {
      schema: {
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ maxLength: 128 }) },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: options.loginsPerMinutePerClient, timeWindow: 60_000 } },
    },
    async (request) => ({
      account: await app.accounts.completeSetup(request.body.token, request.body.password, request.ip),
    }),
  );

  const technician = { onRequest: requireRole('technician') };

  app.get('/api/accounts', technician, async () => app.accounts.list());

  app.post(
    '/api/accounts',
    {
      ...technician,
      schema: {
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            role: Type.Union(ROLES.map((r) => Type.Literal(r))),
            password: Type.String({ maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.code(201).send(await app.accounts.create(actorOf(request), request.body)),
  );

  app.post('/api/accounts/:id/unlock', { ...technician, schema: { params: IdParams } }, async (request) =>
    app.accounts.unlock(actorOf(request), request.params.id),
  );

  app.post(
    '/api/accounts/:id/password',
    {
      ...technician,
      schema: {
        params: IdParams,
        body: Type.Object({ password: Type.String({ maxLength: 128 }) }, { additionalProperties: false }),
      },
    },
    async (request) => app.accounts.resetPassword(actorOf(request), request.params.id, request.body.password),
  );

  app.post(
    '/api/accounts/:id/active',
    {
      ...technician,
      schema: {
        params: IdParams,
        body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (request) => app.accounts.setActive(actorOf(request), request.params.id, request.body.active),
  );

  app.get(
    '/api/audit',
    {
      ...technician,
      schema: {
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
      },
    },
    async (request) => app.audit.recent(request.query.limit ?? 100),
  );

  app.get('/setup', async (_request, reply) => reply.type('text/html; charset=utf-8').send(setupPage));
};
