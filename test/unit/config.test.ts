import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, parseConfig } from '../../server/config.js';
import { ConfigError } from '../../server/errors.js';
import { tempDir } from '../helpers/temp.js';

describe('config', () => {
  it('takes the README’s example as it stands', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1] as string;
    const c = parseConfig(JSON.parse(example));
    expect(c.power.ups).toMatchObject({ port: 3493, name: 'ups' });
    expect(c.network.probes.map((p) => p.role)).toEqual(['gateway', 'internet']);
  });

  it('fills every default so an empty file is a working demo', () => {
    const c = parseConfig({});
    expect(c.center.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(c.center.dayStartsAt).toBe('00:00');
    expect(c.printers).toEqual([
      { id: 'kiosk', transport: 'virtual', paperWidthMm: 80, speedMmPerSecond: 200 },
    ]);
    expect(c.qms.probes).toEqual([]);
    expect(c.qms.failThreshold).toBe(3);
    expect(c.limits.ticketsPerMinutePerClient).toBe(120);
    expect(c.network.probes).toEqual([]);
  });

  it('accepts the example of DESIGN.md', () => {
    const c = parseConfig({
      printers: [
        { id: 'kiosk', transport: 'virtual', paperWidthMm: 80 },
        { id: 'k2', transport: 'tcp', host: '192.168.1.50', port: 9100 },
        { id: 'k3', transport: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 },
        { id: 'k4', transport: 'device', path: '/dev/usb/lp0' },
      ],
      qms: {
        probes: [
          { type: 'http', url: 'http://10.0.0.5/', timeoutMs: 800 },
          { type: 'tcp', host: '10.0.0.5', port: 80, timeoutMs: 800 },
        ],
        intervalMs: 1000,
        failThreshold: 3,
        recoverThreshold: 5,
        recoverHoldMs: 30000,
      },
    });
    expect(c.printers).toHaveLength(4);
    expect(c.qms.probes[0]).toMatchObject({ type: 'http', expectStatus: [200, 399] });
  });

  it.each([
    [{ center: { timezone: 'Mars/Olympus' } }, 'center.timezone'],
    [{ center: { dayStartsAt: '25:00' } }, 'center.dayStartsAt'],
    [{ limits: { ticketsPerMinutePerClient: 'many' } }, 'limits.ticketsPerMinutePerClient'],
    [{ qms: { failThreshold: 0 } }, 'qms.failThreshold'],
    [{ colour: 'red' }, 'colour'],
    [{ printers: [{ id: 'k2', transport: 'tcp' }] }, 'printers.0.host'],
    [{ printers: [{ id: 'k3', transport: 'serial' }] }, 'printers.0.path'],
    [{ printers: [{ id: 'k9', transport: 'bluetooth' }] }, 'printers.0.transport'],
    [{ qms: { probes: [{ type: 'http' }] } }, 'qms.probes.0.url'],
    [{ qms: { probes: [{ type: 'tcp', host: '10.0.0.5' }] } }, 'qms.probes.0.port'],
    [
      {
        printers: [
          { id: 'a', transport: 'virtual' },
          { id: 'a', transport: 'virtual' },
        ],
      },
      'printers.1.id',
    ],
    [
      { qms: { probes: [{ type: 'http', url: 'http://10.0.0.5/', bodyPattern: '([' }] } },
      'qms.probes.0.bodyPattern',
    ],
    [
      { qms: { probes: [{ type: 'http', url: 'http://10.0.0.5/', bodyPattern: '^(a+)+$' }] } },
      'qms.probes.0.bodyPattern',
    ],
    [{ qms: { probes: [{ type: 'http', url: 'http://' }] } }, 'qms.probes.0.url'],
    [{ qms: { probes: [{ type: 'http', url: 'ftp://10.0.0.5/' }] } }, 'qms.probes.0.url'],
    [
      { qms: { probes: [{ type: 'http', url: 'http://10.0.0.5/', expectStatus: [500, 200] }] } },
      'qms.probes.0.expectStatus',
    ],
    [
      { qms: { probes: [{ type: 'http', url: 'http://10.0.0.5/', expectStatus: [500, 599] }] } },
      'qms.probes.0.expectStatus',
    ],
    [{ qms: { probes: [{ type: 'tcp', host: 'qms server', port: 80 }] } }, 'qms.probes.0.host'],
    [
      { network: { probes: [{ type: 'tcp', host: '-x-', port: 53, role: 'internet' }] } },
      'network.probes.0.host',
    ],
    [{ printers: [{ id: 'k2', transport: 'tcp', host: 'máy in', port: 9100 }] }, 'printers.0.host'],
  ])('names the wrong field in %j', (raw, field) => {
    expect(() => parseConfig(raw)).toThrow(ConfigError);
    try {
      parseConfig(raw);
    } catch (error) {
      expect((error as ConfigError).field).toBe(field);
      expect((error as Error).message).toContain(field);
    }
  });

  it('takes a plain body pattern, a success range and hosts by name or address', () => {
    const c = parseConfig({
      qms: {
        probes: [
          {
            type: 'http',
            url: 'http://qms.tanky.local/kiosk',
            bodyPattern: 'QMS 1\\.2',
            expectStatus: [200, 204],
          },
          { type: 'tcp', host: '10.0.0.5', port: 80 },
          { type: 'tcp', host: 'fe80::1', port: 80 },
        ],
      },
    });
    expect(c.qms.probes).toHaveLength(3);
  });

  describe('settings', () => {
    const temp = tempDir();
    afterEach(() => temp.remove());

    it('reads DATA_DIR/config.json, PORT and HOST', () => {
      mkdirSync(temp.dir, { recursive: true });
      writeFileSync(path.join(temp.dir, 'config.json'), JSON.stringify({ center: { name: 'Xã Thử' } }));
      const s = loadSettings([], { DATA_DIR: temp.dir, PORT: '9090', HOST: '127.0.0.1' });
      expect(s).toMatchObject({ dataDir: temp.dir, port: 9090, host: '127.0.0.1' });
      expect(s.config.center.name).toBe('Xã Thử');
    });

    it('stops on a --config file that is missing or not JSON', () => {
      expect(() => loadSettings(['--config', '/nonexistent/x.json'], {})).toThrow(/--config/);
      mkdirSync(temp.dir, { recursive: true });
      const file = path.join(temp.dir, 'bad.json');
      writeFileSync(file, '{ nope');
      expect(() => loadSettings(['--config', file], {})).toThrow(/JSON/);
      expect(() => loadSettings([], { DATA_DIR: temp.dir, PORT: 'abc' })).toThrow(/PORT/);
    });
  });
});
