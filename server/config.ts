import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { FromSchema } from 'json-schema-to-ts';
import safeRegex from 'safe-regex2';
import { ConfigError } from './errors.js';
import { describeSchemaError, type SchemaError } from './validation.js';

/** A printer's (or any configured thing's) id: also what routes accept in a path. */
export const id = { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,32}$' } as const;
const timeout = { type: 'integer', minimum: 50, maximum: 60_000, default: 800 } as const;
const host = { type: 'string', minLength: 1, maxLength: 253 } as const;
const port = { type: 'integer', minimum: 1, maximum: 65_535 } as const;

/** JSON Schema's if/then: when `field` is one of `values`, the `required` fields must be there. */
const requiredWhen = (field: string, values: readonly string[], required: readonly string[]) => ({
  if: { properties: { [field]: { enum: values } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword, not a promise.
  then: { required },
});

/** Every transport's fields in one object; `transport` decides which are required. */
const printer = {
  type: 'object',
  properties: {
    id,
    transport: { enum: ['virtual', 'tcp', 'serial', 'device'] },
    paperWidthMm: { enum: [58, 80], default: 80 },
    host,
    port,
    path: { type: 'string', minLength: 1 },
    baudRate: { type: 'integer', minimum: 1200, maximum: 921_600 },
    /** Only for `virtual`: it prints this fast, as a thermal printer does (0: as fast as the disk). */
    speedMmPerSecond: { type: 'integer', minimum: 0, maximum: 1000, default: 200 },
  },
  required: ['id', 'transport', 'paperWidthMm', 'speedMmPerSecond'],
  additionalProperties: false,
  allOf: [
    requiredWhen('transport', ['tcp'], ['host']),
    requiredWhen('transport', ['serial', 'device'], ['path']),
  ],
} as const;

const qmsProbe = {
  type: 'object',
  properties: {
    type: { enum: ['http', 'tcp'] },
    url: { type: 'string', pattern: '^https?://' },
    host,
    port,
    timeoutMs: timeout,
    expectStatus: {
      type: 'array',
      items: { type: 'integer', minimum: 100, maximum: 599 },
      minItems: 2,
      maxItems: 2,
      default: [200, 399],
    },
    bodyPattern: { type: 'string' },
  },
  required: ['type', 'timeoutMs', 'expectStatus'],
  additionalProperties: false,
  allOf: [requiredWhen('type', ['http'], ['url']), requiredWhen('type', ['tcp'], ['host', 'port'])],
} as const;

const networkProbe = {
  type: 'object',
  properties: {
    type: { const: 'tcp' },
    host,
    port,
    timeoutMs: timeout,
    role: { enum: ['gateway', 'internet'] },
  },
  required: ['type', 'host', 'port', 'timeoutMs', 'role'],
  additionalProperties: false,
} as const;

/** An object whose properties all have defaults, so it can be left out whole. */
const section = <P extends Record<string, unknown>, R extends readonly string[]>(
  properties: P,
  required: R,
) => ({ type: 'object', properties, required, additionalProperties: false, default: {} }) as const;

export const configSchema = {
  type: 'object',
  properties: {
    center: section(
      {
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          default: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ',
        },
        timezone: { type: 'string', minLength: 1, default: 'Asia/Ho_Chi_Minh' },
        dayStartsAt: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '00:00' },
        /** The body the center belongs to, above its name on reports and receipts. */
        parentBody: { type: 'string', minLength: 1, maxLength: 200, default: 'UBND xã Tân Kỳ' },
        /** Where documents are dated: "Tân Kỳ, ngày … tháng … năm …". */
        place: { type: 'string', minLength: 1, maxLength: 100, default: 'Tân Kỳ' },
        /**
         * The address phones on the center's Wi-Fi reach the appliance by, for the QR on each
         * ticket (e.g. "http://192.168.1.10:8080"). Unset: the address the kiosk itself used.
         */
        // Empty: unset again (a setting given in part keeps what it does not name).
        publicUrl: { type: 'string', pattern: '^(https?://[^/\\s]+/?)?$', maxLength: 200 },
      } as const,
      ['name', 'timezone', 'dayStartsAt', 'parentBody', 'place'] as const,
    ),
    printers: {
      type: 'array',
      items: printer,
      maxItems: 16,
      default: [{ id: 'kiosk', transport: 'virtual', paperWidthMm: 80 }],
    },
    printing: section(
      {
        statusIntervalMs: { type: 'integer', minimum: 200, maximum: 600_000, default: 3000 },
        statusTimeoutMs: { type: 'integer', minimum: 50, maximum: 30_000, default: 1000 },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 100, default: 6 },
        retryBaseMs: { type: 'integer', minimum: 10, maximum: 600_000, default: 1000 },
        expireMs: { type: 'integer', minimum: 1000, maximum: 86_400_000, default: 600_000 },
        lateMarkMs: { type: 'integer', minimum: 0, maximum: 86_400_000, default: 60_000 },
        renderTimeoutMs: { type: 'integer', minimum: 100, maximum: 120_000, default: 10_000 },
      } as const,
      [
        'statusIntervalMs',
        'statusTimeoutMs',
        'maxAttempts',
        'retryBaseMs',
        'expireMs',
        'lateMarkMs',
        'renderTimeoutMs',
      ] as const,
    ),
    qms: section(
      {
        probes: { type: 'array', items: qmsProbe, maxItems: 8, default: [] },
        failWhen: { enum: ['all', 'any'], default: 'all' },
        intervalMs: { type: 'integer', minimum: 100, maximum: 60_000, default: 1000 },
        failThreshold: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
        recoverThreshold: { type: 'integer', minimum: 1, maximum: 1000, default: 5 },
        recoverHoldMs: { type: 'integer', minimum: 0, maximum: 3_600_000, default: 30_000 },
        maxFlaps: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
        flapWindowMs: { type: 'integer', minimum: 1000, maximum: 86_400_000, default: 1_800_000 },
      } as const,
      [
        'probes',
        'intervalMs',
        'failThreshold',
        'recoverThreshold',
        'recoverHoldMs',
        'maxFlaps',
        'flapWindowMs',
      ] as const,
    ),
    limits: section(
      {
        ticketsPerMinutePerClient: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 120 },
        loginsPerMinutePerClient: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 30 },
        /** Screens behind one address (a hall of TVs behind a router) still fit; a flood does not. */
        socketsPerAddress: { type: 'integer', minimum: 1, maximum: 100_000, default: 100 },
      } as const,
      ['ticketsPerMinutePerClient', 'loginsPerMinutePerClient', 'socketsPerAddress'] as const,
    ),
    network: section(
      {
        probes: { type: 'array', items: networkProbe, maxItems: 8, default: [] },
        intervalMs: { type: 'integer', minimum: 500, maximum: 600_000, default: 5000 },
        failThreshold: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
      } as const,
      ['probes', 'intervalMs', 'failThreshold'] as const,
    ),
    power: section(
      {
        /** A UPS watched through Network UPS Tools (upsd); none by default. */
        ups: {
          type: 'object',
          properties: {
            host,
            port: { ...port, default: 3493 },
            name: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
            intervalMs: { type: 'integer', minimum: 200, maximum: 600_000, default: 2000 },
            timeoutMs: timeout,
          },
          required: ['host', 'port', 'name', 'intervalMs', 'timeoutMs'],
          additionalProperties: false,
        },
      } as const,
      [] as const,
    ),
    incidents: section(
      {
        /** A printer fault (paper out, cover open, error, offline) lasting longer is an incident (2.1). */
        printerFaultMinutes: { type: 'number', minimum: 0, maximum: 1440, default: 2 },
      } as const,
      ['printerFaultMinutes'] as const,
    ),
    intake: section(
      {
        /** The printer receipts print on; the first configured one when not set. */
        printerId: id,
        /** Months after a dossier's result is returned before its personal data is blanked. */
        retentionMonths: { type: 'integer', minimum: 1, maximum: 240, default: 24 },
      } as const,
      ['retentionMonths'] as const,
    ),
    report: section(
      {
        /** Kính gửi: whom the quarterly report is addressed to (plan, section IV). */
        addressees: {
          type: 'array',
          items: { type: 'string', minLength: 1, maxLength: 200 },
          minItems: 1,
          maxItems: 10,
          default: ['UBND xã Tân Kỳ', 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An'],
        },
        /** The report's number symbol: "Số: …/BC-TTPVHCC". */
        symbol: { type: 'string', minLength: 1, maxLength: 40, default: 'BC-TTPVHCC' },
        /** The signature block, as in the plan. */
        signerAuthority: { type: 'string', maxLength: 100, default: 'KT. GIÁM ĐỐC' },
        signerTitle: { type: 'string', minLength: 1, maxLength: 100, default: 'PHÓ GIÁM ĐỐC' },
        signerName: { type: 'string', maxLength: 100, default: '' },
      } as const,
      ['addressees', 'symbol', 'signerAuthority', 'signerTitle', 'signerName'] as const,
    ),
    backup: section(
      {
        keep: { type: 'integer', minimum: 1, maximum: 365, default: 14 },
        everyHours: { type: 'integer', minimum: 1, maximum: 168, default: 24 },
      } as const,
      ['keep', 'everyHours'] as const,
    ),
    /** Who may read `GET /metrics`: a province's Prometheus, by bearer token or by address. */
    metrics: section(
      {
        token: { type: ['string', 'null'], minLength: 16, maxLength: 200, default: null },
        allow: {
          type: 'array',
          items: { type: 'string', minLength: 2, maxLength: 64 },
          maxItems: 32,
          default: ['127.0.0.1', '::1'],
        },
      } as const,
      ['token', 'allow'] as const,
    ),
  },
  required: [
    'center',
    'printers',
    'printing',
    'qms',
    'limits',
    'network',
    'power',
    'incidents',
    'intake',
    'report',
    'backup',
    'metrics',
  ],
  additionalProperties: false,
} as const;

export type Config = FromSchema<typeof configSchema>;
export type PrinterConfig = Config['printers'][number];

const validate = new Ajv({ useDefaults: true, allErrors: false }).compile(configSchema);

/** Applies the defaults and checks the result; the error names the first wrong field. */
export function parseConfig(raw: unknown): Config {
  const config = structuredClone(raw ?? {});
  if (!validate(config)) {
    const errors = (validate.errors ?? []) as SchemaError[];
    const { field, detail } = describeSchemaError(errors);
    throw new ConfigError(field, `${detail} (giá trị: ${describe(config, errors[0]?.instancePath ?? '')})`);
  }
  const parsed = config as Config;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: parsed.center.timezone });
  } catch {
    throw new ConfigError('center.timezone', `múi giờ "${parsed.center.timezone}" không tồn tại`);
  }
  const ids = new Set<string>();
  parsed.printers.forEach((p, index) => {
    if (ids.has(p.id)) throw new ConfigError(`printers.${index}.id`, `trùng mã máy in "${p.id}"`);
    ids.add(p.id);
    if (p.host !== undefined) checkHost(`printers.${index}.host`, p.host);
  });
  for (const [index, p] of parsed.qms.probes.entries()) checkQmsProbe(`qms.probes.${index}`, p);
  for (const [index, p] of parsed.network.probes.entries()) checkHost(`network.probes.${index}.host`, p.host);
  if (parsed.power.ups) checkHost('power.ups.host', parsed.power.ups.host);
  if (parsed.intake.printerId !== undefined && !ids.has(parsed.intake.printerId)) {
    throw new ConfigError('intake.printerId', `không có máy in "${parsed.intake.printerId}" trong printers`);
  }
  return parsed;
}

const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function checkHost(field: string, host: string): void {
  if (isIP(host) === 0 && !HOSTNAME.test(host)) {
    throw new ConfigError(field, `"${host}" không phải tên máy hay địa chỉ IP hợp lệ`);
  }
}

/**
 * What the schema cannot say about a QMS probe, checked whole at start: a probe that can never
 * run (a URL without a host) or never pass (no success among the statuses), or a pattern that
 * does not compile or can backtrack for seconds, would leave the watcher judging a QMS that is
 * not there, or stop the process at the first answer.
 */
function checkQmsProbe(field: string, p: Config['qms']['probes'][number]): void {
  if (p.type === 'tcp') {
    checkHost(`${field}.host`, p.host as string);
    return;
  }
  let url: URL;
  try {
    url = new URL(p.url as string);
  } catch {
    throw new ConfigError(`${field}.url`, `"${p.url}" không phải địa chỉ web hợp lệ`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.hostname === '') {
    throw new ConfigError(`${field}.url`, `"${p.url}" phải có dạng http://máy-chủ/…`);
  }
  const [low, high] = p.expectStatus as [number, number];
  if (low > high || high < 200 || low > 299) {
    throw new ConfigError(
      `${field}.expectStatus`,
      `[${low}, ${high}] phải là khoảng từ nhỏ đến lớn và chứa một mã thành công (200–299)`,
    );
  }
  if (p.bodyPattern === undefined) return;
  try {
    new RegExp(p.bodyPattern);
  } catch (err) {
    throw new ConfigError(
      `${field}.bodyPattern`,
      `biểu thức "${p.bodyPattern}" sai (${(err as Error).message})`,
    );
  }
  if (!safeRegex(p.bodyPattern)) {
    throw new ConfigError(
      `${field}.bodyPattern`,
      `biểu thức "${p.bodyPattern}" có thể chạy rất lâu (lặp lồng nhau); hãy viết đơn giản hơn, ví dụ một đoạn chữ có trong trang`,
    );
  }
}

function describe(root: unknown, pointer: string): string {
  let node: unknown = root;
  for (const key of pointer.split('/').slice(1)) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  const text = JSON.stringify(node);
  return text === undefined ? 'không có' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export interface Settings {
  config: Config;
  /** The sections the file sets, which the technician's page shows but cannot change. */
  fixed: string[];
  configPath: string;
  dataDir: string;
  host: string;
  port: number;
}

/**
 * Where the process takes its settings: `--config PATH` or `DATA_DIR/config.json` (optional),
 * and `HOST`, `PORT`, `DATA_DIR` from the environment.
 */
export function loadSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const flag = argv.indexOf('--config');
  const explicit = flag >= 0 ? argv[flag + 1] : undefined;
  if (flag >= 0 && !explicit) throw new ConfigError('--config', 'thiếu đường dẫn tệp cấu hình');
  const configPath = path.resolve(explicit ?? path.join(dataDir, 'config.json'));
  const raw = readConfigFile(configPath, explicit !== undefined);
  const config = parseConfig(raw);
  const fixed = raw !== null && typeof raw === 'object' ? Object.keys(raw) : [];
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError('PORT', `"${env.PORT}" không phải là cổng hợp lệ (0–65535)`);
  }
  return { config, fixed, configPath, dataDir, host: env.HOST || '0.0.0.0', port };
}

function readConfigFile(file: string, required: boolean): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError('--config', `không đọc được tệp ${file} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `tệp không phải JSON hợp lệ (${(error as Error).message})`);
  }
}
