import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

/** Every (method, path) Fastify serves, read from its route tree. */
function registeredRoutes(tree: string): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    const path = `${prefixes[depth - 1] ?? ''}${depth === 1 && !m[2]?.startsWith('/') ? '/' : ''}${m[2]}`;
    prefixes[depth] = path === '/' ? '' : path;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) {
      routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('the API documents itself', () => {
  it('serves an OpenAPI document with every API route the server registers, and nothing else', async () => {
    const doc = (await call(`${s.url}/api/openapi.json`, 'GET')).body;
    expect(doc.openapi).toBe('3.0.3');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = registeredRoutes(s.app.printRoutes({ commonPrefix: false })).filter(
      (r) => (r.includes(' /api/') || r === 'GET /metrics') && r !== 'GET /api/openapi.json',
    );
    expect(served.length).toBeGreaterThan(30);
    expect(new Set(documented)).toEqual(new Set(served));
  });

  it('gives each operation a summary, a tag, and the role it needs', async () => {
    const doc = (await call(`${s.url}/api/openapi.json`, 'GET')).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
      ([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ id: `${method} ${path}`, op })),
    );
    for (const { id, op } of ops) {
      expect(op.summary, id).toEqual(expect.any(String));
      expect(op.tags, id).toHaveLength(1);
    }
    const byId = new Map(ops.map((o) => [o.id, o.op]));
    expect(byId.get('post /api/tickets')?.security).toBeUndefined();
    expect(byId.get('post /api/counters/{id}/next')).toMatchObject({
      security: [{ session: [] }],
      description: expect.stringContaining('staff'),
    });
    expect(byId.get('post /api/failover/mode')?.description).toContain('technician');
    expect(byId.get('post /api/tickets')?.requestBody).toBeDefined();
  });
});
