import { readUpsStatus } from '../../drivers/ups/nut.js';
import type { Clock } from '../clock.js';
import type { DomainBus, PowerStatus } from '../events.js';
import { Poll } from '../poll.js';

export interface UpsConfig {
  host: string;
  port: number;
  name: string;
  intervalMs: number;
  timeoutMs: number;
}

/** What the UPS's flags mean for the center: a low battery wins over being on battery. */
export function powerStatus(flags: string[]): PowerStatus {
  if (flags.includes('LB') || flags.includes('FSD')) return 'low_battery';
  if (flags.includes('OB')) return 'on_battery';
  if (flags.includes('OL')) return 'online';
  return 'unknown';
}

export interface PowerDeps {
  ups: UpsConfig;
  clock: Clock;
  bus: DomainBus;
  logError: (err: unknown) => void;
}

/**
 * Watches the UPS through Network UPS Tools (plan 2.7): every change of its state is told as
 * `power.changed`. A UPS that cannot be read is `unknown`, not an outage.
 */
export class PowerWatch {
  readonly #d: PowerDeps;
  #status: PowerStatus = 'unknown';
  #detail: string | null = null;
  readonly #poll: Poll;

  constructor(deps: PowerDeps) {
    this.#d = deps;
    this.#poll = new Poll({
      intervalMs: deps.ups.intervalMs,
      round: () => this.read(),
      logError: deps.logError,
    });
  }

  status(): { status: PowerStatus; detail: string | null } {
    return { status: this.#status, detail: this.#detail };
  }

  start(): void {
    this.#poll.start();
  }

  stop(): void {
    this.#poll.stop();
  }

  /** One reading; never rejects. */
  async read(): Promise<void> {
    let next: PowerStatus;
    try {
      next = powerStatus(await readUpsStatus(this.#d.ups));
      this.#detail = null;
    } catch (err) {
      next = 'unknown';
      this.#detail = err instanceof Error ? err.message : String(err);
    }
    if (this.#poll.stopped || next === this.#status) return;
    const previous = this.#status;
    this.#status = next;
    this.#d.bus.emit('power.changed', { status: next, previous, at: this.#d.clock.now() });
  }
}
