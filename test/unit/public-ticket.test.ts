import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { waitEstimate } from '../../server/queue/estimate.js';
import { lanAddressEvery, publicBase, publicLink } from '../../server/queue/public-link.js';
import { PublicTokens, publicTokenKey } from '../../server/queue/public-token.js';
import { tempDir } from '../helpers/temp.js';

// The network cards as the test sets them: what the appliance's address is read from.
vi.mock('node:os', async (actual) => ({ ...(await actual<object>()), networkInterfaces: vi.fn() }));
const card = (address: string) => ({
  eth0: [{ address, family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null }],
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '', mac: '', cidr: null }],
});

const minutes = (...m: number[]) => m.map((x) => x * 60_000);

describe("the wait a ticket's live page estimates", () => {
  it('spans the quick and the slow serves, shared by the open counters, in 5-minute steps', () => {
    // Quartiles of 4, 5, 6, 9, 10 minutes are 5 and 9; 3 before, one counter: 3×5 = 15 to
    // (3+1)×9 = 36 → 15–40.
    expect(waitEstimate(minutes(4, 5, 6, 9, 10), 3, 1)).toEqual({ minMinutes: 15, maxMinutes: 40 });
    // Two counters halve it: 7.5 to 18 → 5–20.
    expect(waitEstimate(minutes(4, 5, 6, 9, 10), 3, 2)).toEqual({ minMinutes: 5, maxMinutes: 20 });
  });

  it('says "under" for the next in line, and never a span of nothing', () => {
    expect(waitEstimate(minutes(1, 1, 1), 0, 1)).toEqual({ minMinutes: 0, maxMinutes: 5 });
  });

  it('gives none with no open counter or before three serves today', () => {
    expect(waitEstimate(minutes(4, 5, 6), 2, 0)).toBeNull();
    expect(waitEstimate(minutes(4, 5), 2, 1)).toBeNull();
  });
});

describe("the address a ticket's QR carries", () => {
  const lan = () => '192.168.1.10';
  it('is the configured one first, else the one the kiosk used', () => {
    expect(publicBase('http://tiepsuc.lan:8080/', 'x:1', lan, 8080)).toBe('http://tiepsuc.lan:8080');
    expect(publicBase(undefined, '192.168.1.10:8080', lan, 8080)).toBe('http://192.168.1.10:8080');
  });

  it('is the LAN address when the kiosk runs on the appliance itself', () => {
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080'])
      expect(publicBase(undefined, host, lan, 8080)).toBe('http://192.168.1.10:8080');
  });

  it('takes nothing odd from a Host header, and is none without any address', () => {
    expect(publicBase(undefined, 'evil.example/path?x', lan, 8080)).toBe('http://192.168.1.10:8080');
    expect(publicBase(undefined, 'localhost', () => null, 8080)).toBeNull();
    expect(publicLink(null, 'abc')).toBeNull();
    expect(publicLink('http://a:1', 'abc')).toBe('http://a:1/t/abc');
  });
});

describe("the appliance's LAN address", () => {
  it('is read from the network cards at most once a minute, then again (DHCP may move it)', () => {
    const read = vi.mocked(networkInterfaces);
    read.mockReturnValue(card('192.168.1.10') as unknown as ReturnType<typeof networkInterfaces>);
    let now = 0;
    const lan = lanAddressEvery(60_000, () => now);
    for (let i = 0; i < 100; i++) expect(lan()).toBe('192.168.1.10');
    expect(read).toHaveBeenCalledTimes(1);
    read.mockReturnValue(card('192.168.1.77') as unknown as ReturnType<typeof networkInterfaces>);
    now = 59_999;
    expect(lan()).toBe('192.168.1.10');
    now = 60_000;
    expect(lan()).toBe('192.168.1.77');
    expect(read).toHaveBeenCalledTimes(2);
  });
});

describe("a ticket's live-page token", () => {
  const tokens = new PublicTokens(randomBytes(16));
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('names its ticket, in 22 characters that say nothing of the id', () => {
    for (const id of [1, 2, 3, 1000, 2 ** 40]) {
      const token = tokens.of(id);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(tokens.ticketId(token)).toBe(id);
    }
    // Neighbours share no prefix worth walking: a whole AES block apart.
    const [a, b] = [tokens.of(41), tokens.of(42)];
    expect([...a].filter((c, i) => c === b[i]).length).toBeLessThan(6);
  });

  it('refuses every token one character off, and any of another key', () => {
    const token = tokens.of(77);
    let refused = 0;
    for (let i = 0; i < token.length; i++) {
      for (const c of ALPHABET) {
        if (c === token[i]) continue;
        expect(tokens.ticketId(token.slice(0, i) + c + token.slice(i + 1))).toBeNull();
        refused++;
      }
    }
    expect(refused).toBe(22 * 63);
    expect(new PublicTokens(randomBytes(16)).ticketId(token)).toBeNull();
    for (const bad of [
      '',
      'A'.repeat(22),
      `${token}x`,
      token.slice(1),
      'x'.repeat(90),
      `${token.slice(0, 21)}=`,
    ])
      expect(tokens.ticketId(bad), bad).toBeNull();
  });

  it("keeps the center's key in its database, so a restart answers the links printed", () => {
    const temp = tempDir();
    try {
      const file = path.join(temp.dir, 'a.sqlite');
      let db = openDatabase(file);
      const key = publicTokenKey(db);
      expect(publicTokenKey(db)).toEqual(key);
      db.close();
      db = openDatabase(file);
      expect(publicTokenKey(db)).toEqual(key);
      db.close();
      const other = openDatabase(path.join(temp.dir, 'b.sqlite'));
      expect(publicTokenKey(other)).not.toEqual(key);
      other.close();
    } finally {
      temp.remove();
    }
  });
});
