import { describe, expect, it } from 'vitest';
import { ScreenRoster } from '../../server/realtime/roster.js';

const hello = (socketId: string, kind: string, address = '10.0.0.5', printerId: string | null = null) => ({
  socketId,
  kind,
  address,
  printerId,
});

describe('the roster of screens', () => {
  it('names a counter screen by its counter wherever it plugs in, and keeps it red once gone', () => {
    const r = new ScreenRoster();
    r.connected(hello('s1', 'counter-display', '10.0.0.21'), 1000);
    r.placed('s1', 3, 1000);
    r.connected(hello('s2', 'display', '10.0.0.30'), 1000);
    r.connected(hello('s3', 'tech'), 1000);
    expect(r.list(1000)).toEqual([
      {
        kind: 'counter-display',
        counter: 3,
        printerId: null,
        address: '10.0.0.21',
        connected: true,
        since: 1000,
      },
      { kind: 'display', counter: null, printerId: null, address: '10.0.0.30', connected: true, since: 1000 },
    ]);
    r.disconnected('s1', 5000);
    expect(r.list(5000)[0]).toMatchObject({ counter: 3, connected: false, since: 5000 });
    // Back on another address: the same screen, green again.
    r.connected(hello('s4', 'counter-display', '10.0.0.22'), 9000);
    r.placed('s4', 3, 9000);
    expect(r.list(9000)).toHaveLength(2);
    expect(r.list(9000)[0]).toMatchObject({ counter: 3, connected: true, address: '10.0.0.22', since: 9000 });
  });

  it('a screen with two tabs open stays up until both close; one gone a whole day is forgotten', () => {
    const r = new ScreenRoster();
    r.connected(hello('a', 'kiosk', '10.0.0.9', 'k1'), 0);
    r.connected(hello('b', 'kiosk', '10.0.0.9', 'k1'), 0);
    r.disconnected('a', 10);
    expect(r.list(10)[0]).toMatchObject({ kind: 'kiosk', printerId: 'k1', connected: true });
    r.disconnected('b', 20);
    expect(r.list(20)[0]).toMatchObject({ connected: false, since: 20 });
    expect(r.list(20 + 86_400_001)).toEqual([]);
  });

  it('a counter page not yet at a counter leaves nothing behind; a placement from another kind is ignored', () => {
    const r = new ScreenRoster();
    r.connected(hello('c', 'counter'), 0);
    r.disconnected('c', 5);
    expect(r.list(5)).toEqual([]);
    r.connected(hello('k', 'kiosk'), 0);
    r.placed('k', 2, 0);
    expect(r.list(0)).toEqual([expect.objectContaining({ kind: 'kiosk', counter: null })]);
  });
});
