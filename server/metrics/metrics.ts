import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IncidentSummary } from '../../contract/logbook.js';
import type { FailoverState, PrinterView, ProbeView } from '../../contract/screen.js';
import type { DomainBus } from '../events.js';

const OWNER = 'metrics';
const STATES: FailoverState[] = ['standalone', 'standby', 'suspect', 'active', 'draining'];
const PAPER: PrinterView['paper'][] = ['ok', 'near_end', 'out', 'unknown'];
/** Minutes a citizen waits or is served, in seconds: a commune center's day, not a web page's. */
const MINUTE_BUCKETS = [60, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];

export interface MetricsDeps {
  bus: DomainBus;
  now: () => number;
  /** Read at each scrape: what is true now, rather than counted as it happens. */
  read: {
    failover: () => { state: FailoverState };
    probes: () => ProbeView[];
    printers: () => PrinterView[];
    screens: () => Record<string, number>;
    openIncidents: () => IncidentSummary[];
    serviceName: (serviceId: number) => string;
  };
}

/**
 * The appliance in Prometheus's text format, for a province that watches a hundred communes
 * on the Prometheus and Grafana it already runs. Flows (tickets, waits, time in each state)
 * are counted from the domain events; states (printers, screens, incidents) are read at
 * each scrape. Counters start again at a restart, which `rate()` and `increase()` expect.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #d: MetricsDeps;
  /** Milliseconds spent in each failover state before the current one, since the start. */
  readonly #spent = new Map<FailoverState, number>();
  #current: { state: FailoverState; since: number } | null = null;
  readonly #issued: Counter<'service'>;
  readonly #served: Counter<'service'>;
  readonly #wait: Histogram<'service'>;
  readonly #serve: Histogram<'service'>;

  constructor(deps: MetricsDeps) {
    this.#d = deps;
    const registers = [this.registry];
    const { read } = deps;
    this.#issued = new Counter({
      name: 'tiepsuc_tickets_issued_total',
      help: 'Tickets issued by the appliance, per service',
      labelNames: ['service'],
      registers,
    });
    this.#served = new Counter({
      name: 'tiepsuc_tickets_served_total',
      help: 'Tickets served to the end at a counter, per service',
      labelNames: ['service'],
      registers,
    });
    this.#wait = new Histogram({
      name: 'tiepsuc_wait_seconds',
      help: 'From the number taken to its first call',
      labelNames: ['service'],
      buckets: MINUTE_BUCKETS,
      registers,
    });
    this.#serve = new Histogram({
      name: 'tiepsuc_serve_seconds',
      help: 'From the last call to done',
      labelNames: ['service'],
      buckets: MINUTE_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'tiepsuc_failover_state',
      help: 'The failover state now: 1 for the current state, 0 for the others',
      labelNames: ['state'],
      registers,
      collect() {
        const now = read.failover().state;
        for (const s of STATES) this.set({ state: s }, s === now ? 1 : 0);
      },
    });
    const spentIn = (s: FailoverState) => this.#spentIn(s);
    new Gauge({
      name: 'tiepsuc_failover_state_seconds',
      help: 'Seconds spent in each failover state since the appliance started',
      labelNames: ['state'],
      registers,
      collect() {
        for (const s of STATES) this.set({ state: s }, spentIn(s) / 1000);
      },
    });
    new Gauge({
      name: 'tiepsuc_probe_latency_seconds',
      help: 'Latency of the last answer of each probe (QMS, router, Internet)',
      labelNames: ['probe', 'role'],
      registers,
      collect() {
        this.reset();
        for (const p of read.probes())
          if (p.last?.ok) this.set({ probe: p.label, role: p.role }, p.last.latencyMs / 1000);
      },
    });
    new Gauge({
      name: 'tiepsuc_probe_up',
      help: 'Whether the last try of each probe was answered',
      labelNames: ['probe', 'role'],
      registers,
      collect() {
        this.reset();
        for (const p of read.probes())
          if (p.last) this.set({ probe: p.label, role: p.role }, p.last.ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'tiepsuc_probe_recent_failures',
      help: 'Failed tries of each probe among its recent history (the last minutes)',
      labelNames: ['probe', 'role'],
      registers,
      collect() {
        this.reset();
        for (const p of read.probes())
          this.set({ probe: p.label, role: p.role }, p.results.filter((r) => !r.ok).length);
      },
    });
    new Gauge({
      name: 'tiepsuc_printer_up',
      help: 'Whether each printer can print (ready or printing)',
      labelNames: ['printer'],
      registers,
      collect() {
        this.reset();
        for (const p of read.printers())
          this.set({ printer: p.id }, p.state === 'ready' || p.state === 'printing' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'tiepsuc_printer_paper',
      help: "Each printer's paper: 1 for the current state",
      labelNames: ['printer', 'paper'],
      registers,
      collect() {
        this.reset();
        for (const p of read.printers())
          for (const s of PAPER) this.set({ printer: p.id, paper: s }, s === p.paper ? 1 : 0);
      },
    });
    new Gauge({
      name: 'tiepsuc_screens_connected',
      help: 'Screens connected now, by kind',
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        for (const [kind, n] of Object.entries(read.screens())) this.set({ kind }, n);
      },
    });
    new Gauge({
      name: 'tiepsuc_incidents_open',
      help: 'Incidents of the log book open now, by type (plan sections 2.1–2.9)',
      labelNames: ['type'],
      registers,
      collect() {
        this.reset();
        const counts = new Map<string, number>();
        for (const i of read.openIncidents()) counts.set(i.type, (counts.get(i.type) ?? 0) + 1);
        for (const [type, n] of counts) this.set({ type }, n);
      },
    });
    new Gauge({
      name: 'tiepsuc_incident_oldest_open_seconds',
      help: 'Age of the oldest open incident; 0 when none is open',
      registers,
      collect() {
        const opened = read.openIncidents().map((i) => Date.parse(i.openedAt));
        this.set(opened.length === 0 ? 0 : (deps.now() - Math.min(...opened)) / 1000);
      },
    });
  }

  start(): void {
    const { bus, read } = this.#d;
    // Names looked up once, not per ticket: these listeners run after every issue and call.
    const names = new Map<number, string>();
    const service = (id: number) => {
      const name = names.get(id) ?? read.serviceName(id);
      names.set(id, name);
      return { service: name };
    };
    bus.on(OWNER, 'setup.changed', () => names.clear());
    bus.on(OWNER, 'ticket.issued', ({ ticket }) => this.#issued.inc(service(ticket.serviceId)));
    bus.on(OWNER, 'ticket.called', ({ ticket, recall }) => {
      // A kiosk ticket's call ends its wait; a recall ends nothing, and a transferred or
      // hand-typed QMS number did not wait in this line from its `queuedAt`.
      if (recall || ticket.calledAt === null || ticket.origin !== 'kiosk') return;
      const waited = Date.parse(ticket.calledAt) - Date.parse(ticket.queuedAt);
      if (waited >= 0) this.#wait.observe(service(ticket.serviceId), waited / 1000);
    });
    bus.on(OWNER, 'ticket.updated', ({ ticket }) => {
      if (ticket.status !== 'done') return;
      this.#served.inc(service(ticket.serviceId));
      if (ticket.calledAt && ticket.finishedAt)
        this.#serve.observe(
          service(ticket.serviceId),
          (Date.parse(ticket.finishedAt) - Date.parse(ticket.calledAt)) / 1000,
        );
    });
    this.#current = { state: read.failover().state, since: this.#d.now() };
    bus.on(OWNER, 'failover.transition', ({ from, to, at }) => {
      const since = this.#current?.since ?? at;
      this.#spent.set(from, (this.#spent.get(from) ?? 0) + Math.max(0, at - since));
      this.#current = { state: to, since: at };
    });
  }

  #spentIn(state: FailoverState): number {
    const now = this.#current?.state === state ? Math.max(0, this.#d.now() - this.#current.since) : 0;
    return (this.#spent.get(state) ?? 0) + now;
  }

  stop(): void {
    this.#d.bus.off(OWNER);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
