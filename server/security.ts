import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every answer. The Content-Security-Policy lets pages load only what the
 * appliance itself serves (scripts from files, never inline), talk only to it (HTTP and its
 * Socket.IO), and be framed by nobody. No HSTS and no upgrade to HTTPS: the appliance serves
 * plain HTTP on the center's LAN, where those would make every screen fail to load.
 *
 * Helmet's middleware is built once here. @fastify/helmet builds it again for every request
 * (parsing the options and the policy each time), which cost the ticket route a tenth of its
 * throughput under load.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const headers = helmet({
    hsts: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Svelte sets element styles; Vite's own CSS is files.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) =>
    headers(request.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
}
