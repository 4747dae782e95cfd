import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { hasRole, type Role, roleNames } from './roles.js';

export const SESSION_COOKIE = 'tiepsuc_session';

/**
 * An onRequest hook: runs before the body is validated, so a caller without the right role
 * learns only that, not what the route would accept.
 */
export function requireRole(role: Role, options: { beforeSecretChange?: boolean } = {}) {
  // The role rides on the hook, so the OpenAPI document can say which one each route needs.
  const hook = async (request: FastifyRequest) => {
    const session = request.server.accounts.sessionInfo(request.cookies[SESSION_COOKIE]);
    if (!session) throw new AppError(401, 'unauthorized', 'Vui lòng đăng nhập.');
    if (!hasRole(session.account.role, role)) {
      throw new AppError(403, 'forbidden', `Chức năng này chỉ dành cho ${roleNames[role]}.`);
    }
    if (session.account.mustChange && !options.beforeSecretChange) {
      throw new AppError(403, 'must_change', 'Vui lòng đổi mật khẩu (PIN) được cấp trước khi làm việc.');
    }
    request.account = session.account;
    request.sessionHash = session.tokenHash;
  };
  return Object.assign(hook, { role });
}

export function actorOf(request: FastifyRequest): Actor {
  return {
    accountId: request.account?.id ?? null,
    username: request.account?.username ?? null,
    ip: request.ip,
    displayName: request.account?.displayName ?? null,
    session: request.sessionHash,
  };
}
