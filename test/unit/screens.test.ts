import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEvent, versionStep } from '../../kiosk-ui/src/lib/apply.js';
import { pieces } from '../../kiosk-ui/src/lib/pieces.js';
import type { ScreenSnapshot } from '../../kiosk-ui/src/lib/types.js';
import { callAnnouncement } from '../../server/queue/spoken.js';

const manifest = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../kiosk-ui/public/voice/manifest.json'), 'utf8'),
) as { pieces: Record<string, string> };

describe('the recorded voice', () => {
  it('has a clip for every word of every call, letters A–Z and numbers 0–9999, counters 1–30', () => {
    for (const letter of ['', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']) {
      for (let n = 0; n < 10_000; n += letter ? 97 : 1) {
        const phrase = callAnnouncement(`${letter}${n}`, (n % 30) + 1);
        const files = pieces(phrase, manifest.pieces);
        const words = files
          .map((f) => Object.entries(manifest.pieces).find(([, v]) => v === f)?.[0])
          .join(' ');
        expect(words, phrase).toBe(phrase.toLowerCase());
      }
    }
  });

  it('uses the longest recorded piece first', () => {
    expect(pieces('Mời công dân có số thứ tự một đến quầy số hai', manifest.pieces)).toEqual([
      manifest.pieces['mời công dân có số thứ tự'],
      manifest.pieces.một,
      manifest.pieces['đến quầy số'],
      manifest.pieces.hai,
    ]);
  });
});

const ticket = (id: number, number: string, status: string, extra = {}) => ({
  id,
  number,
  serviceId: 1,
  priority: false,
  status,
  origin: 'kiosk',
  issuedAt: `2026-11-23T01:00:0${id}.000Z`,
  queuedAt: `2026-11-23T01:00:0${id}.000Z`,
  calledAt: null,
  finishedAt: null,
  counterId: null,
  targetCounterId: null,
  ...extra,
});

function snapshot(): ScreenSnapshot {
  return {
    version: 10,
    mode: 'auto',
    failover: { state: 'standalone', mode: 'auto', drill: false, since: 0 },
    day: '2026-11-23',
    services: [
      { id: 1, code: 'ho-tich', name: 'Hộ tịch', nameEn: 'Civil registration', prefix: 'A', waiting: 1 },
    ],
    counters: [
      {
        id: 1,
        number: 1,
        name: 'Quầy 1',
        serviceIds: [1],
        status: 'open',
        pauseReason: null,
        current: null,
        heldBy: null,
        priorityFirst: true,
      },
    ],
    waiting: [ticket(1, 'A001', 'waiting')] as ScreenSnapshot['waiting'],
    recentCalls: [],
    center: { name: 'Xã Thử', timezone: 'Asia/Ho_Chi_Minh' },
    printers: [],
    notices: [],
  };
}

describe('screen state', () => {
  it('applies the next event, ignores what the snapshot already holds, and asks again after a gap', () => {
    expect(versionStep(10, 11)).toBe('apply');
    expect(versionStep(10, 10)).toBe('stale');
    expect(versionStep(10, 13)).toBe('gap');
  });

  it('keeps the waiting line in calling order, priority first', () => {
    const s = snapshot();
    applyEvent(s, 'ticket.issued', {
      version: 11,
      ticket: ticket(2, 'A002', 'waiting') as never,
      waiting: { 1: 2 },
    });
    applyEvent(s, 'ticket.issued', {
      version: 12,
      ticket: ticket(3, 'A003', 'waiting', { priority: true }) as never,
      waiting: { 1: 3 },
    });
    expect(s.waiting.map((t) => t.number)).toEqual(['A003', 'A001', 'A002']);
    expect(s.services[0]?.waiting).toBe(3);
  });

  it('a call moves the ticket to its counter and heads the recent calls', () => {
    const s = snapshot();
    const called = ticket(1, 'A001', 'called', { counterId: 1 });
    applyEvent(s, 'ticket.called', {
      version: 11,
      ticket: called as never,
      counter: { ...s.counters[0], current: called } as never,
      call: { ticketId: 1, number: 'A001', counterId: 1, counterNumber: 1, at: 'x', announcement: 'a' },
      waiting: { 1: 0 },
    });
    expect(s.waiting).toEqual([]);
    expect(s.counters[0]?.current?.number).toBe('A001');
    expect(s.recentCalls[0]?.number).toBe('A001');
    expect(s.services[0]?.waiting).toBe(0);
    expect(s.version).toBe(11);
  });
});
