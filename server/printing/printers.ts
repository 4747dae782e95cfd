import path from 'node:path';
import type { JobView, PrinterView } from '../../contract/screen.js';
import { createTransport } from '../../drivers/transports/index.js';
import type { Clock } from '../clock.js';
import type { PrinterConfig } from '../config.js';
import type { Db } from '../db/open.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { DomainBus } from '../events.js';
import { publicLink } from '../queue/public-link.js';
import type { IssueHook } from '../queue/queue.js';
import { type JobRow, type JobStore, jobStore, jobView } from './jobs.js';
import { Printer, type PrintSettings } from './printer.js';
import type { ReceiptPrint } from './receipt-layout.js';
import { Renderer } from './renderer.js';
import { Spool } from './spool.js';
import { DOTS_PER_PAPER, type TicketPrint } from './ticket-layout.js';

export interface PrintersDeps {
  db: Db;
  clock: Clock;
  configs: readonly PrinterConfig[];
  settings: PrintSettings;
  center: { name: string; timezone: string };
  spoolDir: string;
  bus: DomainBus;
  logError: (err: unknown, message: string) => void;
}

/** The configured printers, their jobs, and the one renderer they share. */
export class Printers {
  readonly #printers = new Map<string, Printer>();
  readonly #spools = new Map<string, Spool>();
  readonly #jobs: JobStore;
  readonly #renderer: Renderer;
  readonly #d: PrintersDeps;
  readonly #configs = new Map<string, PrinterConfig>();
  #started = false;

  constructor(deps: PrintersDeps) {
    this.#d = deps;
    this.#renderer = new Renderer(deps.settings.renderTimeoutMs);
    this.#jobs = jobStore(deps.db);
    for (const c of deps.configs) this.#add(c);
  }

  #add(c: PrinterConfig): Printer {
    const d = this.#d;
    const dir = path.join(d.spoolDir, c.id);
    const spool = new Spool(dir);
    this.#spools.set(c.id, spool);
    const transport =
      c.transport === 'virtual'
        ? createTransport({
            transport: 'virtual',
            dir,
            // 8 rows of dots a millimetre, a byte per 8 dots of the row.
            bytesPerSecond: (c.speedMmPerSecond * 8 * DOTS_PER_PAPER[c.paperWidthMm]) / 8,
          })
        : c.transport === 'tcp'
          ? createTransport({ transport: 'tcp', host: c.host as string, port: c.port })
          : c.transport === 'serial'
            ? createTransport({ transport: 'serial', path: c.path as string, baudRate: c.baudRate })
            : createTransport({ transport: 'device', path: c.path as string });
    const printer = new Printer({
      id: c.id,
      paperWidthMm: c.paperWidthMm,
      transport,
      jobs: this.#jobs,
      render: (request) => this.#renderer.render(request),
      spool,
      clock: d.clock,
      settings: d.settings,
      bus: d.bus,
      logError: d.logError,
    });
    this.#printers.set(c.id, printer);
    this.#configs.set(c.id, c);
    return printer;
  }

  /**
   * The printers a technician set on the page, without a restart: a link whose settings changed
   * is closed and opened again, one removed is closed, a new one opened. Jobs are in SQLite, so a
   * printer rebuilt picks up what its old link left unprinted.
   */
  async reconfigure(configs: readonly PrinterConfig[]): Promise<void> {
    const wanted = new Map(configs.map((c) => [c.id, c]));
    for (const [id, printer] of [...this.#printers]) {
      const next = wanted.get(id);
      if (next && JSON.stringify(next) === JSON.stringify(this.#configs.get(id))) continue;
      this.#printers.delete(id);
      this.#configs.delete(id);
      await printer.stop();
    }
    // Insertion order is the configured order: the first is where kiosks print by default.
    const kept = new Map(this.#printers);
    this.#printers.clear();
    for (const c of configs) {
      const printer = kept.get(c.id);
      if (printer) this.#printers.set(c.id, printer);
      else if (this.#started) this.#add(c).start();
      else this.#add(c);
    }
  }

  start(): void {
    this.#started = true;
    for (const printer of this.#printers.values()) printer.start();
  }

  async stop(): Promise<void> {
    this.#started = false;
    await Promise.all([...this.#printers.values()].map((p) => p.stop()));
    await this.#renderer.stop();
  }

  list(): PrinterView[] {
    return [...this.#printers.values()].map((p) => p.view());
  }

  /** The printer a kiosk names, else the first configured one; a name that is not configured is an error. */
  resolve(printerId: string | undefined): Printer | null {
    if (printerId === undefined) return this.#printers.values().next().value ?? null;
    const printer = this.#printers.get(printerId);
    if (!printer) throw badRequest('unknown_printer', `Không có máy in "${printerId}".`);
    return printer;
  }

  /**
   * The issue hook that queues the new ticket's job in its own transaction, and what to run
   * after the commit. No printer configured: tickets are issued without one.
   */
  ticketJob(
    printerId: string | undefined,
    publicBase: string | null,
  ): { hook: IssueHook; after: () => void } {
    const printer = this.resolve(printerId);
    let job: JobRow | null = null;
    const hook: IssueHook = (ticket, context) => {
      if (!printer) return;
      const payload: TicketPrint = {
        centerName: this.#d.center.name,
        serviceName: context.serviceName,
        number: ticket.number,
        priority: ticket.priority,
        fallback: context.fallback,
        waitingBefore: ticket.waitingBefore,
        counters: context.counters,
        link: publicLink(publicBase, context.publicToken) ?? undefined,
        issuedAt: Date.parse(ticket.issuedAt),
        timezone: this.#d.center.timezone,
        reprint: false,
      };
      job = printer.enqueue({ kind: 'ticket', payload, ticketId: ticket.id }, null);
    };
    return { hook, after: () => job && printer?.queued(job) };
  }

  /**
   * Queues a paper-intake receipt within the record's transaction, on the printer named, else
   * the first; `after` announces it once committed. No printer configured: none.
   */
  receiptJob(
    receipt: ReceiptPrint,
    intakeId: number,
    printerId: string | undefined,
    by: string | null,
  ): { id: number; after: () => void } | null {
    const printer = this.resolve(printerId);
    if (!printer) return null;
    const job = printer.enqueue({ kind: 'receipt', payload: receipt, intakeId }, by);
    return { id: job.id, after: () => printer.queued(job) };
  }

  /** Prints a ticket again from what its last job printed, marked as a reprint. */
  reprint(ticketId: number, printerId: string | undefined, by: string): JobView {
    const named = printerId === undefined ? null : this.resolve(printerId);
    const previous = this.#jobs.ofTicket(ticketId);
    if (!previous) throw notFound(`vé ${ticketId} (chưa từng được in)`);
    // The printer it first went to, unless that one is no longer configured.
    const printer = named ?? this.#printers.get(previous.printer_id) ?? this.resolve(undefined);
    if (!printer) throw conflict('no_printer', 'Chưa cấu hình máy in nào.');
    const payload = { ...(JSON.parse(previous.payload) as TicketPrint), reprint: true };
    return printer.submit({ kind: 'ticket', payload, ticketId }, by);
  }

  test(printerId: string, by: string): JobView {
    const printer = this.#printers.get(printerId);
    if (!printer) throw notFound(`máy in "${printerId}"`);
    const view = printer.view();
    const test = {
      printerId,
      transport: view.transport,
      paperWidthMm: view.paperWidthMm,
      at: this.#d.clock.now(),
      timezone: this.#d.center.timezone,
    };
    return printer.submit({ kind: 'test', payload: test }, by);
  }

  jobs(printerId: string, limit: number): JobView[] {
    if (!this.#printers.has(printerId)) throw notFound(`máy in "${printerId}"`);
    return this.#jobs.recent(printerId, limit).map(jobView);
  }

  job(id: number): JobView | null {
    const row = this.#jobs.get(id);
    return row ? jobView(row) : null;
  }

  /** The preview PNG of a printed job, if its spool still holds it. */
  previewPath(jobId: number): string | null {
    const row = this.#jobs.get(jobId);
    if (!row || row.bytes === null) return null;
    return this.#spools.get(row.printer_id)?.previewPath(row.id) ?? null;
  }

  /** The renderer's process: a test kills it to see it replaced. */
  get rendererPid(): number | null {
    return this.#renderer.pid;
  }
}
