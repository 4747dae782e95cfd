import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { PUBLIC_POLLS_PER_MINUTE } from './queue/public-link.js';

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
  '/rate/counter/:number': 'rate.html',
};

/** A ticket's live page, opened from the QR on it. */
const LIVE = '/t/:token';

export interface UiOptions {
  root: string;
  /** Whether a ticket's live page token is known today: an unknown one answers 404. */
  ticketKnown: (token: string) => boolean;
}

/**
 * Serves the built screens from the appliance itself: nothing comes from outside the LAN.
 * Hashed assets are cached for a year; the HTML entries never, so an update shows at once.
 */
export const uiRoutes: FastifyPluginAsync<UiOptions> = async (app, { root, ticketKnown }) => {
  if (!existsSync(path.join(root, 'index.html'))) {
    for (const route of [...Object.keys(PAGES), LIVE]) {
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
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const [route, file] of Object.entries(PAGES)) {
    app.get(route, { schema: { hide: true } }, async (_request, reply) => reply.sendFile(file));
  }
  // The same page either way: it says calmly what a 404 means for the citizen holding it.
  app.get<{ Params: { token: string } }>(
    LIVE,
    { schema: { hide: true }, config: { rateLimit: { max: PUBLIC_POLLS_PER_MINUTE, timeWindow: 60_000 } } },
    async (request, reply) => reply.code(ticketKnown(request.params.token) ? 200 : 404).sendFile('live.html'),
  );
};
