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
  readonly #roles = new Map<Role, RoleState>();
  readonly #poll: Poll;

  constructor(deps: NetworkDeps) {
    this.#d = deps;
    this.#poll = new Poll({
      intervalMs: deps.network.intervalMs,
      round: () => this.round(),
      logError: deps.logError,
    });
    for (const p of deps.network.probes) {
      const state = this.#roles.get(p.role) ?? { probes: [], ok: true, failures: 0, detail: null };
      state.probes.push(probeFromConfig({ ...p, expectStatus: [200, 399] }));
      this.#roles.set(p.role, state);
    }
  }

  /** Each watched role: up or not, and why not. */
  status(): { role: Role; ok: boolean; detail: string | null }[] {
    return [...this.#roles].map(([role, s]) => ({ role, ok: s.ok, detail: s.detail }));
  }

  start(): void {
    if (this.#roles.size > 0) this.#poll.start();
  }

  stop(): void {
    this.#poll.stop();
  }

  /** One round: every probe of every role at once. */
  async round(): Promise<void> {
    const now = () => this.#d.clock.now();
    const results = await Promise.all(
      [...this.#roles].map(
        async ([role, s]) => [role, await Promise.all(s.probes.map((p) => probeWithRetry(p, now)))] as const,
      ),
    );
    if (this.#poll.stopped) return;
    for (const [role, rs] of results) {
      const state = this.#roles.get(role) as RoleState;
      const ok = rs.some((r) => r.ok);
      state.failures = ok ? 0 : state.failures + 1;
      const down = state.failures >= this.#d.network.failThreshold;
      const detail = ok ? null : rs.map((r) => r.error).join('; ');
      if (ok !== state.ok && (ok || down)) {
        state.ok = ok;
        state.detail = detail;
        this.#d.bus.emit('network.changed', { role, ok, at: this.#d.clock.now(), detail });
      }
    }
  }
}
