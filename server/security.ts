import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every answer. The Content-Security-Policy lets pages load only what the
 * appliance itself serves (scripts from files, never inline), talk only to it (HTTP and its
 * Socket.IO), and be framed by nobody. No HSTS and no upgrade to HTTPS: the appliance serves
 * plain HTTP on the center's LAN, where those would make every screen fail to load.
 *
 * The headers do not depend on the request, so Helmet (the library that knows them) is asked
 * once, at start, and each answer only gets the result: @fastify/helmet built the middleware
 * again for every request (a tenth of the ticket route's throughput under load), and running
 * Helmet's chain of eleven middlewares per request cost 55 µs against 14 µs for setting the
 * same headers (measured with the CPU caches cold, as at 20 taps a second).
 *
 * A JSON answer is data, never a page, so it gets the three headers that guard data (OWASP's
 * REST security sheet): nothing in it may run or be framed, sniffed into another type, or
 * read by another origin. Helmet's eleven, most of which only mean something to a page, made
 * every kiosk tap's answer 900 bytes longer to write and for the kiosk to read.
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
  const forData: [string, string][] = [
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ['X-Content-Type-Options', 'nosniff'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  ];
  const fixed: [string, string][] = [];
  const collect = {
    setHeader: (name: string, value: string) => fixed.push([name, value]),
    removeHeader() {},
  };
  headers({} as IncomingMessage, collect as unknown as ServerResponse, () => {});
  app.addHook('onSend', (_request, reply, payload, done) => {
    const json = String(reply.getHeader('content-type')).startsWith('application/json');
    for (const [name, value] of json ? forData : fixed) reply.header(name, value);
    done(null, payload);
  });
}
