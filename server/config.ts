import { readFileSync } from 'node:fs';
import path from 'node:path';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { ConfigError } from './errors.js';
import { fieldName } from './validation.js';

const Id = Type.String({ pattern: '^[a-zA-Z0-9_-]{1,32}$' });
const Timeout = Type.Integer({ minimum: 50, maximum: 60_000, default: 800 });
const Host = Type.String({ minLength: 1, maxLength: 253 });
const Port = Type.Integer({ minimum: 1, maximum: 65_535 });

const Printer = Type.Union([
  Type.Object(
    {
      id: Id,
      transport: Type.Literal('virtual'),
      paperWidthMm: Type.Union([Type.Literal(58), Type.Literal(80)], { default: 80 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      transport: Type.Literal('tcp'),
      host: Host,
      port: Type.Integer({ minimum: 1, maximum: 65_535, default: 9100 }),
      paperWidthMm: Type.Union([Type.Literal(58), Type.Literal(80)], { default: 80 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      transport: Type.Literal('serial'),
      path: Type.String({ minLength: 1 }),
      baudRate: Type.Integer({ minimum: 1200, maximum: 921_600, default: 115_200 }),
      paperWidthMm: Type.Union([Type.Literal(58), Type.Literal(80)], { default: 80 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      transport: Type.Literal('device'),
      path: Type.String({ minLength: 1 }),
      paperWidthMm: Type.Union([Type.Literal(58), Type.Literal(80)], { default: 80 }),
    },
    { additionalProperties: false },
  ),
]);

const HttpProbe = Type.Object(
  {
    type: Type.Literal('http'),
    url: Type.String({ pattern: '^https?://' }),
    timeoutMs: Timeout,
    expectStatus: Type.Array(Type.Integer({ minimum: 100, maximum: 599 }), {
      minItems: 2,
      maxItems: 2,
      default: [200, 399],
    }),
    bodyPattern: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
const TcpProbe = Type.Object(
  { type: Type.Literal('tcp'), host: Host, port: Port, timeoutMs: Timeout },
  { additionalProperties: false },
);
const NetworkProbe = Type.Object(
  {
    type: Type.Literal('tcp'),
    host: Host,
    port: Port,
    timeoutMs: Timeout,
    role: Type.Union([Type.Literal('gateway'), Type.Literal('internet')]),
  },
  { additionalProperties: false },
);

export const ConfigSchema = Type.Object(
  {
    center: Type.Object(
      {
        name: Type.String({
          minLength: 1,
          maxLength: 200,
          default: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ',
        }),
        timezone: Type.String({ minLength: 1, default: 'Asia/Ho_Chi_Minh' }),
        dayStartsAt: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '00:00' }),
      },
      { additionalProperties: false, default: {} },
    ),
    printers: Type.Array(Printer, {
      default: [{ id: 'kiosk', transport: 'virtual', paperWidthMm: 80 }],
    }),
    qms: Type.Object(
      {
        probes: Type.Array(Type.Union([HttpProbe, TcpProbe]), { default: [] }),
        intervalMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 1000 }),
        failThreshold: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
        recoverThreshold: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
        recoverHoldMs: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000 }),
        maxFlaps: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
        flapWindowMs: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: 1_800_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    limits: Type.Object(
      {
        ticketsPerMinutePerClient: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 120 }),
        loginsPerMinutePerClient: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
      },
      { additionalProperties: false, default: {} },
    ),
    network: Type.Object(
      { probes: Type.Array(NetworkProbe, { default: [] }) },
      { additionalProperties: false, default: {} },
    ),
    backup: Type.Object(
      {
        keep: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
        everyHours: Type.Integer({ minimum: 1, maximum: 168, default: 24 }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type PrinterConfig = Config['printers'][number];

/** Applies the defaults and checks the result; the error names the first wrong field. */
export function parseConfig(raw: unknown): Config {
  const value = Value.Default(ConfigSchema, structuredClone(raw ?? {}));
  const errors = Value.Errors(ConfigSchema, value);
  const first = errors[0];
  if (first) {
    throw new ConfigError(
      fieldName(first.instancePath),
      `${first.message} (giá trị: ${describe(value, first.instancePath)})`,
    );
  }
  const config = value as Config;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: config.center.timezone });
  } catch {
    throw new ConfigError('center.timezone', `múi giờ "${config.center.timezone}" không tồn tại`);
  }
  const ids = new Set<string>();
  config.printers.forEach((printer, index) => {
    if (ids.has(printer.id)) throw new ConfigError(`printers.${index}.id`, `trùng mã máy in "${printer.id}"`);
    ids.add(printer.id);
  });
  return config;
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
  const config = parseConfig(readConfigFile(configPath, explicit !== undefined));
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError('PORT', `"${env.PORT}" không phải là cổng hợp lệ (0–65535)`);
  }
  return { config, configPath, dataDir, host: env.HOST || '0.0.0.0', port };
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
