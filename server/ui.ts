import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** The device pages and the HTML entry each is served from (built by Vite into `dist/ui`). */
const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/kiosk': 'kiosk.html',
  '/counter': 'counter.html',
  '/display': 'display.html',
  '/display/counter/:number': 'display.html',
  '/tech': 'tech.html',
  '/logbook': 'logbook.html',
  '/leader': 'leader.html',
};

export interface UiOptions {
  root: string;
}

/**
 * Serves the built screens from the appliance itself: nothing comes from outside the LAN.
 * Hashed assets are cached for a year; the HTML entries never, so an update shows at once.
 */
export const uiRoutes: FastifyPluginAsync<UiOptions> = async (app, { root }) => {
  if (!existsSync(path.join(root, 'index.html'))) {
    for (const route of Object.keys(PAGES)) {
      app.get(route, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('Giao diện chưa được build: hãy chạy "npm run build".'),
      );
    }
    return;
  }
  await app.register(fastifyStatic, {
    root,
    index: false,
    cacheControl: false,
    setHeaders(reply, file) {
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const [route, file] of Object.entries(PAGES)) {
    app.get(route, { schema: { hide: true } }, async (_request, reply) => reply.sendFile(file));
  }
};
