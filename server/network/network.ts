import { type ProbeConfig, probeFromConfig, probeWithRetry } from '../../drivers/probes/probes.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { DomainBus } from '../events.js';
import { Poll } from '../poll.js';

type Role = 'gateway' | 'internet';

interface RoleState {
  probes: ProbeConfig[];
  ok: boolean;
  failures: number;
  detail: string | null;
}

export interface NetworkDeps {
  network: Config['network'];
  clock: Clock;
  bus: DomainBus;
  logError: (err: unknown) => void;
}

/**
 * Watches the center's own network, apart from QMS (plan 2.3): the router (role `gateway`)
 * and the Internet beyond it (role `internet`). A role is up while any of its probes answers,
 * and counted down after `failThreshold` failed rounds in a row, so one lost packet is no
 * outage. Changes are told as `network.changed`.
 */
export class NetworkWatch {
  readonly #d: NetworkDeps;
  #network: Config['network'];
  #roles = new Map<Role, RoleState>();
  #poll: Poll;
  #started = false;

  constructor(deps: NetworkDeps) {
    this.#d = deps;
    this.#network = deps.network;
    this.#poll = this.#build(deps.network);
  }

  #build(network: Config['network']): Poll {
    const before = this.#roles;
    this.#roles = new Map();
    for (const p of network.probes) {
      // A role still watched keeps whether it is up, so an edit is not an outage or a recovery.
      const was = before.get(p.role);
      const state = this.#roles.get(p.role) ?? {
        probes: [],
        ok: was?.ok ?? true,
        failures: was?.failures ?? 0,
        detail: was?.detail ?? null,
      };
      state.probes.push(probeFromConfig({ ...p, expectStatus: [200, 399] }));
      this.#roles.set(p.role, state);
    }
    return new Poll({
      intervalMs: network.intervalMs,
      round: () => this.round(),
      logError: this.#d.logError,
    });
  }

  /** New probes from the technician's page, watched from the next round. */
  reprobe(network: Config['network']): void {
    this.#poll.stop();
    this.#network = network;
    this.#poll = this.#build(network);
    if (this.#started) this.start();
  }

  /** Each watched role: up or not, and why not. */
  status(): { role: Role; ok: boolean; detail: string | null }[] {
    return [...this.#roles].map(([role, s]) => ({ role, ok: s.ok, detail: s.detail }));
  }

  start(): void {
    this.#started = true;
    if (this.#roles.size > 0) this.#poll.start();
  }

  stop(): void {
    this.#started = false;
    this.#poll.stop();
  }

  /** One round: every probe of every role at once. */
  async round(): Promise<void> {
    const now = () => this.#d.clock.now();
    const poll = this.#poll;
    const results = await Promise.all(
      [...this.#roles].map(
        async ([role, s]) => [role, await Promise.all(s.probes.map((p) => probeWithRetry(p, now)))] as const,
      ),
    );
    if (poll.stopped || poll !== this.#poll) return;
    for (const [role, rs] of results) {
      const state = this.#roles.get(role);
      if (!state) continue;
      const ok = rs.some((r) => r.ok);
      state.failures = ok ? 0 : state.failures + 1;
      const down = state.failures >= this.#network.failThreshold;
      const detail = ok ? null : rs.map((r) => r.error).join('; ');
      if (ok !== state.ok && (ok || down)) {
        state.ok = ok;
        state.detail = detail;
        this.#d.bus.emit('network.changed', { role, ok, at: this.#d.clock.now(), detail });
      }
    }
  }
}
