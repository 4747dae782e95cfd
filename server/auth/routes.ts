import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { localStamp } from '../../contract/format.js';
import { nextDay, startOfLocalDay } from '../day.js';
import { csv } from '../documents/csv.js';
import { dayField } from '../schemas.js';
import { SESSION_MS } from './accounts.js';
import { actorOf, requireRole, SESSION_COOKIE } from './guard.js';
import { ROLES } from './roles.js';
import { setupPage, setupScript, setupStyle } from './setup-page.js';

const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;
const secret = { type: 'string', maxLength: 128 } as const;

export interface AuthRouteOptions {
  loginsPerMinutePerClient: number;
  /** The center's time zone: the audit log's days and times are local. */
  timezone: string;
}

export const authRoutes: FastifyPluginAsyncJsonSchemaToTs<{ Options: AuthRouteOptions }> = async (
  app,
  options,
) => {
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, maxAge: SESSION_MS / 1000 };
  const loginLimit = { rateLimit: { max: options.loginsPerMinutePerClient, timeWindow: 60_000 } };

  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Log in with username and password or PIN; sets the session cookie',
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 128 },
          },
          required: ['username', 'password'],
          additionalProperties: false,
        },
      },
      config: loginLimit,
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

  // Logging out, reading one's account and changing the given secret work before the change.
  const staff = (summary: string) => ({
    onRequest: requireRole('staff', { beforeSecretChange: true }),
    schema: { summary },
  });
  app.post('/api/auth/logout', staff('End this session'), async (request, reply) => {
    app.accounts.logout(request.cookies[SESSION_COOKIE] as string, actorOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', staff('The account of this session'), async (request) => ({
    account: request.account,
  }));

  app.post(
    '/api/auth/secret',
    {
      onRequest: requireRole('staff', { beforeSecretChange: true }),
      schema: {
        summary: 'Change one’s own password or PIN (required after a technician set it)',
        body: {
          type: 'object',
          properties: { current: { type: 'string', minLength: 1, maxLength: 128 }, next: secret },
          required: ['current', 'next'],
          additionalProperties: false,
        },
      },
      config: loginLimit,
    },
    async (request) => ({
      account: await app.accounts.changeOwnSecret(
        actorOf(request),
        request.account?.id as number,
        request.body.current,
        request.body.next,
      ),
    }),
  );

  const hidden = { schema: { hide: true } };
  app.get('/setup', hidden, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(setupPage),
  );
  app.get('/setup.js', hidden, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(setupScript),
  );
  app.get('/setup.css', hidden, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(setupStyle),
  );

  app.post(
    '/api/auth/setup',
    {
      schema: {
        summary: "Set admin's first password with the one-time setup token",
        body: {
          type: 'object',
          properties: { token: { type: 'string', minLength: 1, maxLength: 100 }, password: secret },
          required: ['token', 'password'],
          additionalProperties: false,
        },
      },
      config: loginLimit,
    },
    async (request) => ({
      account: await app.accounts.completeSetup(request.body.token, request.body.password, request.ip),
    }),
  );

  const technician = { onRequest: requireRole('technician') };

  app.get('/api/accounts', { ...technician, schema: { summary: 'Every account' } }, async () =>
    app.accounts.list(),
  );

  app.post(
    '/api/accounts',
    {
      ...technician,
      schema: {
        summary: 'Create an account',
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            displayName: { type: 'string', minLength: 1, maxLength: 100 },
            role: { enum: ROLES },
            password: secret,
          },
          required: ['username', 'displayName', 'role', 'password'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await app.accounts.create(actorOf(request), request.body)),
  );

  app.post(
    '/api/accounts/:id/unlock',
    { ...technician, schema: { summary: 'Unlock a locked account', params: idParams } },
    async (request) => app.accounts.unlock(actorOf(request), request.params.id),
  );

  app.post(
    '/api/accounts/:id/password',
    {
      ...technician,
      schema: {
        summary: 'Set a new password or PIN; ends the account’s sessions',
        params: idParams,
        body: {
          type: 'object',
          properties: { password: secret },
          required: ['password'],
          additionalProperties: false,
        },
      },
    },
    async (request) => app.accounts.resetPassword(actorOf(request), request.params.id, request.body.password),
  );

  app.post(
    '/api/accounts/:id/active',
    {
      ...technician,
      schema: {
        summary: 'Enable or disable an account',
        params: idParams,
        body: {
          type: 'object',
          properties: { active: { type: 'boolean' } },
          required: ['active'],
          additionalProperties: false,
        },
      },
    },
    async (request) => app.accounts.setActive(actorOf(request), request.params.id, request.body.active),
  );

  const auditQuery = {
    type: 'object',
    properties: {
      username: { type: 'string', maxLength: 64 },
      action: { type: 'string', maxLength: 64 },
      from: dayField,
      to: dayField,
      limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 200 },
    },
    additionalProperties: false,
  } as const;
  const filter = (q: { username?: string; action?: string; from?: string; to?: string; limit?: number }) => ({
    username: q.username || undefined,
    action: q.action || undefined,
    from: q.from === undefined ? undefined : startOfLocalDay(q.from, options.timezone),
    to: q.to === undefined ? undefined : startOfLocalDay(nextDay(q.to), options.timezone),
    limit: q.limit ?? 200,
  });

  app.get(
    '/api/audit',
    {
      ...technician,
      schema: {
        summary: 'The audit log, newest first: by account, action (or its family, e.g. intake) and days',
        querystring: auditQuery,
      },
    },
    async (request) => app.audit.search(filter(request.query)),
  );

  app.get(
    '/api/audit.csv',
    {
      ...technician,
      schema: { summary: 'The same entries as CSV (the export is audited too)', querystring: auditQuery },
    },
    async (request, reply) => {
      const entries = app.audit.search(filter(request.query));
      app.audit.record(actorOf(request), 'audit.export', { ...request.query, count: entries.length });
      const rows = entries.map((e) => [
        localStamp(e.at, options.timezone),
        e.username ?? '',
        e.action,
        JSON.stringify(e.detail ?? {}),
        e.ip ?? '',
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="nhat-ky-thao-tac.csv"')
        .header('cache-control', 'no-store')
        .send(csv(['Thời gian', 'Tài khoản', 'Thao tác', 'Chi tiết', 'Địa chỉ IP'], rows));
    },
  );
};
