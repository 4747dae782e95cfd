import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IncidentSummary } from '../../contract/logbook.js';
import { SCORE_KEYS } from '../../contract/ratings.js';
import type { FailoverState, PrinterView, ProbeView } from '../../contract/screen.js';
import type { DomainBus } from '../events.js';

const OWNER = 'metrics';
const STATES: FailoverState[] = ['standalone', 'standby', 'suspect', 'active', 'draining'];
const PAPER: PrinterView['paper'][] = ['ok', 'near_end', 'out', 'unknown'];
/** Minutes a citizen waits or is served, in seconds: a commune center's day, not a web page's. */
type Row = [labels: Record<string, string>, value: number];

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
  readonly #ratings: Counter<'service' | 'score'>;

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
    this.#ratings = new Counter({
      name: 'tiepsuc_ratings_total',
      help: "Citizens' ratings at the counter tablets, per service and score (Decision 766 counts every score but khong_hai_long as satisfied)",
      labelNames: ['service', 'score'],
      registers,
    });
    // The gauges below are read at each scrape: what is true now, set afresh every time.
    const gauge = (name: string, help: string, labelNames: string[], rows: () => Row[]) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const [labels, value] of rows()) this.set(labels, value);
        },
      });
    const probe = (p: ProbeView) => ({ probe: p.label, role: p.role });
    gauge(
      'tiepsuc_failover_state',
      'The failover state now: 1 for the current state, 0 for the others',
      ['state'],
      () => {
        const now = read.failover().state;
        return STATES.map((state) => [{ state }, state === now ? 1 : 0]);
      },
    );
    gauge(
      'tiepsuc_failover_state_seconds',
      'Seconds spent in each failover state since the appliance started',
      ['state'],
      () => STATES.map((state) => [{ state }, this.#spentIn(state) / 1000]),
    );
    gauge(
      'tiepsuc_probe_latency_seconds',
      'Latency of the last answer of each probe (QMS, router, Internet)',
      ['probe', 'role'],
      () => read.probes().flatMap((p): Row[] => (p.last?.ok ? [[probe(p), p.last.latencyMs / 1000]] : [])),
    );
    gauge('tiepsuc_probe_up', 'Whether the last try of each probe was answered', ['probe', 'role'], () =>
      read.probes().flatMap((p): Row[] => (p.last ? [[probe(p), p.last.ok ? 1 : 0]] : [])),
    );
    gauge(
      'tiepsuc_probe_recent_failures',
      'Failed tries of each probe among its recent history (the last minutes)',
      ['probe', 'role'],
      () => read.probes().map((p) => [probe(p), p.results.filter((r) => !r.ok).length]),
    );
    gauge('tiepsuc_printer_up', 'Whether each printer can print (ready or printing)', ['printer'], () =>
      read.printers().map((p) => [{ printer: p.id }, p.state === 'ready' || p.state === 'printing' ? 1 : 0]),
    );
    gauge(
      'tiepsuc_printer_paper',
      "Each printer's paper: 1 for the current state",
      ['printer', 'paper'],
      () =>
        read
          .printers()
          .flatMap((p) => PAPER.map((paper): Row => [{ printer: p.id, paper }, paper === p.paper ? 1 : 0])),
    );
    gauge('tiepsuc_screens_connected', 'Screens connected now, by kind', ['kind'], () =>
      Object.entries(read.screens()).map(([kind, n]) => [{ kind }, n]),
    );
    gauge(
      'tiepsuc_incidents_open',
      'Incidents of the log book open now, by type (plan sections 2.1–2.9)',
      ['type'],
      () => {
        const counts = new Map<string, number>();
        for (const i of read.openIncidents()) counts.set(i.type, (counts.get(i.type) ?? 0) + 1);
        return [...counts].map(([type, n]) => [{ type }, n]);
      },
    );
    gauge(
      'tiepsuc_incident_oldest_open_seconds',
      'Age of the oldest open incident; 0 when none is open',
      [],
      () => {
        const opened = read.openIncidents().map((i) => Date.parse(i.openedAt));
        return [[{}, opened.length === 0 ? 0 : (deps.now() - Math.min(...opened)) / 1000]];
      },
    );
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
    bus.on(OWNER, 'rating.recorded', ({ rating }) =>
      this.#ratings.inc({ ...service(rating.serviceId), score: SCORE_KEYS[rating.score] }),
    );
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
