import type { Config } from '../config.js';
import type { DomainBus } from '../events.js';
import type { Failover } from './failover.js';
import { type FailoverSource, type FailoverStatus, standalone } from './status.js';

export interface SwitchDeps {
  bus: DomainBus;
  now: () => number;
  /** A watcher for these probes; only called when there is a QMS to watch. */
  build: (qms: Config['qms'], network: Config['network']) => Failover;
}

/**
 * Whether the appliance watches a QMS or is the center's queue system, and which watcher: a
 * technician who adds the first QMS probe on the page starts one, removing the last stops it.
 * Everything that asks who issues tickets asks this.
 */
export class FailoverSwitch implements FailoverSource {
  readonly #d: SwitchDeps;
  #control: Failover | null = null;
  #standalone: FailoverSource;
  #started = false;

  constructor(deps: SwitchDeps, qms: Config['qms'], network: Config['network']) {
    this.#d = deps;
    this.#standalone = standalone(deps.now());
    if (qms.probes.length > 0) this.#control = deps.build(qms, network);
  }

  /** The QMS watcher, or null in standalone. */
  get control(): Failover | null {
    return this.#control;
  }

  status(): FailoverStatus {
    return (this.#control ?? this.#standalone).status();
  }

  start(): void {
    this.#started = true;
    this.#control?.start();
  }

  stop(): void {
    this.#started = false;
    this.#control?.stop();
  }

  reconfigure(qms: Config['qms'], network: Config['network']): void {
    if (this.#control && qms.probes.length > 0) {
      this.#control.reprobe(qms, network);
      return;
    }
    const before = JSON.stringify(this.status());
    this.#control?.stop();
    this.#control = null;
    this.#standalone = standalone(this.#d.now());
    if (qms.probes.length > 0) {
      this.#control = this.#d.build(qms, network);
      if (this.#started) this.#control.start();
    }
    const status = this.status();
    if (JSON.stringify(status) !== before) this.#d.bus.emit('failover.changed', { status });
  }
}
