/**
 * The floor every benchmark figure is a ratio against: a bare server from the same fastify,
 * socket.io and better-sqlite3, durable the same way, that only inserts a numbered ticket and
 * broadcasts it. Whatever the machine's noise, the appliance is measured against this in the
 * same run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { Server } from 'socket.io';

const db = new Database(path.join(mkdtempSync(path.join(tmpdir(), 'tiepsuc-floor-')), 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE seq (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
  CREATE TABLE tickets (id INTEGER PRIMARY KEY, day TEXT NOT NULL, number TEXT NOT NULL, issued_at INTEGER NOT NULL)`);
const next = db.prepare(
  'INSERT INTO seq (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last',
);
const insert = db.prepare('INSERT INTO tickets (day, number, issued_at) VALUES (?, ?, ?)');
const issue = db.transaction((day: string) => {
  const { last } = next.get(day) as { last: number };
  const number = `A${String(last).padStart(3, '0')}`;
  const id = Number(insert.run(day, number, Date.now()).lastInsertRowid);
  return { id, number };
});

const app = Fastify();
const io = new Server(app.server, { serveClient: false });
app.post('/api/tickets', async (_request, reply) => {
  const ticket = issue('2026-01-01');
  io.emit('ticket.called', { ticket });
  return reply.code(201).send(ticket);
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`floor listening at ${address}`);
