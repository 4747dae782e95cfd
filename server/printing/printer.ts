import type { JobView, PrinterView } from '../../contract/screen.js';
import type { PrinterStatus } from '../../drivers/escpos/status.js';
import { Backoff, type Transport } from '../../drivers/transports/index.js';
import type { Clock } from '../clock.js';
import type { DomainBus } from '../events.js';
import { type JobRow, type JobStore, jobView, type PrintPayload } from './jobs.js';
import type { Rendered, RenderRequest } from './raster.js';
import type { ReceiptPrint } from './receipt-layout.js';
import type { Spool } from './spool.js';
import { queryStatus } from './status-query.js';
import { printerState, slowLinkWarning, statusFault } from './status-view.js';
import { DOTS_PER_PAPER, type TestPrint, type TicketPrint } from './ticket-layout.js';

export interface PrintSettings {
  /** How often an idle printer is asked for its status. */
  statusIntervalMs: number;
  /** How long a status round may take before the printer counts as not answering. */
  statusTimeoutMs: number;
  /** Tries per job before it fails for good. */
  maxAttempts: number;
  /** The wait before the first retry; each retry doubles it. */
  retryBaseMs: number;
  /** A ticket not printed by then is dropped: the citizen has the number on screen and has moved on. */
  expireMs: number;
  /**
   * A ticket printed this long after it was issued carries both times in a frame: held
   * while the paper was out, it must not pass for the ticket of whoever stands there now.
   */
  lateMarkMs: number;
  /** A renderer silent this long is wedged: it is replaced and the job retried. */
  renderTimeoutMs: number;
}

export interface PrinterDeps {
  id: string;
  paperWidthMm: 58 | 80;
  transport: Transport;
  jobs: JobStore;
  render: (request: RenderRequest) => Promise<Rendered>;
  spool: Spool;
  clock: Clock;
  settings: PrintSettings;
  /** Tells `printer.changed` (state, paper, error or warnings) and `print.job` (queued, printing, printed, retried, failed). */
  bus: DomainBus;
  logError: (err: unknown, message: string) => void;
}

/** The printer cannot take a job now (no link, a fault it reports); the job waits for a retry. */
class NotReady extends Error {}

/**
 * One printer: keeps its link open (reconnecting with backoff), watches its status, and
 * prints its jobs from SQLite in order, one at a time, retrying with backoff.
 */
export class Printer {
  readonly #d: PrinterDeps;
  readonly #backoff = new Backoff();
  #status: PrinterStatus | null = null;
  #printing: JobRow | null = null;
  #failure: string | null = null;
  #jobBytes: number | null = null;
  #view: PrinterView;
  /** Serialises everything that talks to the printer: a status round never cuts into a job. */
  #turn: Promise<unknown> = Promise.resolve();
  #pollTimer: NodeJS.Timeout | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #draining = false;
  #kickedWhileDraining = false;
  #stopped = true;

  constructor(deps: PrinterDeps) {
    this.#d = deps;
    this.#view = {
      id: deps.id,
      transport: deps.transport.kind,
      state: 'unknown',
      paper: 'unknown',
      lastError: null,
      paperWidthMm: deps.paperWidthMm,
      warnings: [],
    };
    deps.transport.on('close', (err) => {
      this.#status = null;
      this.#failure = `Mất kết nối máy in${err ? ` (${err.message})` : ''}.`;
      this.#update();
    });
  }

  view(): PrinterView {
    return { ...this.#view, warnings: [...this.#view.warnings] };
  }

  start(): void {
    this.#stopped = false;
    if (this.#d.transport.baudRate) this.#guard(this.#estimateJobSize(), 'sample ticket not rendered');
    this.#guard(this.#poll(), 'printer status poll failed');
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#turn.catch(() => {});
    await this.#d.transport.close().catch(() => {});
  }

  /** Queues a job; call within the transaction that must not commit without it. */
  enqueue(job: PrintPayload, by: string | null): JobRow {
    return this.#d.jobs.insert({ printerId: this.#d.id, job, at: this.#d.clock.now(), requestedBy: by });
  }

  /** After a commit that queued jobs: announce them and start printing. */
  queued(job: JobRow): void {
    this.#job(jobView(job));
    this.kick();
  }

  /** Queues a job on its own (a test page, a reprint) and starts printing. */
  submit(job: PrintPayload, by: string): JobView {
    const row = this.enqueue(job, by);
    this.queued(row);
    return jobView(row);
  }

  /** Starts printing what is due, unless it is already at it. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#draining) {
      this.#kickedWhileDraining = true;
      return;
    }
    this.#draining = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#guard(
      this.#exclusive(() => this.#drain()),
      'printing stopped on an error',
    ).finally(() => {
      this.#draining = false;
      if (this.#kickedWhileDraining) {
        this.#kickedWhileDraining = false;
        this.kick();
      }
    });
  }

  /** A slow serial link is worth a warning before the first citizen waits on it. */
  async #estimateJobSize(): Promise<void> {
    const sample: TicketPrint = {
      centerName: 'Trung tâm Phục vụ hành chính công',
      serviceName: 'Hộ tịch',
      number: 'A001',
      priority: false,
      fallback: true,
      waitingBefore: 10,
      counters: [1, 2],
      // As long as a LAN address and a token make it: the QR is most of a ticket's dots.
      link: `http://192.168.100.100:8080/t/${'x'.repeat(22)}`,
      issuedAt: this.#d.clock.now(),
      timezone: 'Asia/Ho_Chi_Minh',
      reprint: false,
    };
    try {
      const rendered = await this.#d.render({
        kind: 'ticket',
        ticket: sample,
        width: DOTS_PER_PAPER[this.#d.paperWidthMm],
      });
      this.#jobBytes ??= rendered.bytes.length;
      this.#update();
    } catch (err) {
      this.#d.logError(err, 'sample ticket not rendered');
    }
  }

  async #drain(): Promise<void> {
    while (!this.#stopped) {
      const now = this.#d.clock.now();
      const job = this.#d.jobs.pending(this.#d.id);
      if (!job) return;
      const stale = now - this.#d.settings.expireMs;
      if (job.kind === 'ticket' && job.created_at < stale) {
        // Citizens who took these have the number on screen and have moved on.
        this.#d.jobs.expire(this.#d.id, stale, now);
        continue;
      }
      if (job.next_attempt_at > now) {
        this.#retryTimer = setTimeout(() => this.kick(), job.next_attempt_at - now);
        return;
      }
      await this.#print(job);
    }
  }

  async #print(job: JobRow): Promise<void> {
    this.#printing = job;
    this.#job({ ...jobView(job), status: 'printing' });
    this.#update();
    try {
      // Whether it can print first: rendering for a printer out of paper is work thrown away.
      await this.#open();
      if (this.#d.transport.readsBack) {
        await this.#readStatus();
        const fault = this.#status ? statusFault(this.#status) : 'Máy in không trả lời yêu cầu trạng thái.';
        if (fault) throw new NotReady(fault);
      }
      const rendered = await this.#d.render(this.#request(job));
      // Marked before the bytes go out: if this write is cut short (a power cut, a dropped
      // link), the next attempt prints the ticket marked as a reprint, never silently twice.
      this.#d.jobs.started(job.id, this.#d.clock.now());
      await this.#write(rendered.bytes, job.id);
      this.#jobBytes = rendered.bytes.length;
      this.#failure = null;
      // Saved before the job is announced printed, so a screen that shows the preview finds it.
      await this.#d.spool
        .savePreview(job.id, rendered.png)
        .catch((err) => this.#d.logError(err, 'preview not saved'));
      const done = this.#d.jobs.printed(job.id, this.#d.clock.now(), rendered.bytes.length);
      this.#job(jobView(done));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.#job(jobView(this.#retryOrFail(job, reason)));
    } finally {
      this.#printing = null;
      this.#update();
    }
  }

  #retryOrFail(job: JobRow, reason: string): JobRow {
    const now = this.#d.clock.now();
    const { maxAttempts, retryBaseMs } = this.#d.settings;
    if (job.attempts + 1 >= maxAttempts) return this.#d.jobs.fail(job.id, reason, now);
    return this.#d.jobs.retry(job.id, reason, now + retryBaseMs * 2 ** job.attempts, now);
  }

  #request(job: JobRow): RenderRequest {
    const width = DOTS_PER_PAPER[this.#d.paperWidthMm];
    // A job whose bytes began to go out before was cut off: what comes now is a reprint.
    const reprint = job.started_at !== null;
    if (job.kind === 'test') return { kind: 'test', test: JSON.parse(job.payload) as TestPrint, width };
    if (job.kind === 'receipt') {
      const receipt = JSON.parse(job.payload) as ReceiptPrint;
      return { kind: 'receipt', receipt: { ...receipt, reprint: receipt.reprint || reprint }, width };
    }
    const ticket = JSON.parse(job.payload) as TicketPrint;
    const now = this.#d.clock.now();
    const late = !ticket.reprint && now - ticket.issuedAt > this.#d.settings.lateMarkMs;
    return {
      kind: 'ticket',
      ticket: { ...ticket, reprint: ticket.reprint || reprint, ...(late ? { printedAt: now } : {}) },
      width,
    };
  }

  async #open(): Promise<void> {
    const transport = this.#d.transport;
    if (transport.isOpen) return;
    const now = this.#d.clock.now();
    if (!this.#backoff.ready(now)) throw new NotReady(this.#failure ?? 'Đang chờ kết nối lại máy in.');
    try {
      await transport.open();
      this.#backoff.succeeded();
      this.#failure = null;
    } catch (err) {
      this.#backoff.failed(now);
      this.#failure = err instanceof Error ? err.message : String(err);
      this.#update();
      throw new NotReady(this.#failure);
    }
  }

  async #readStatus(): Promise<void> {
    const status = await queryStatus(this.#d.transport, this.#d.settings.statusTimeoutMs);
    const recovered = status && !statusFault(status) && (!this.#status || statusFault(this.#status));
    this.#status = status;
    this.#update();
    // Paper back, cover shut: what waits for a retry prints now rather than at its retry time.
    if (recovered && !this.#printing) this.#d.jobs.retryNow(this.#d.id, this.#d.clock.now());
  }

  async #write(bytes: Uint8Array, jobId: number): Promise<void> {
    const baud = this.#d.transport.baudRate;
    // A printer that stops taking bytes (flow control, a jam) must not hold the queue forever.
    const limitMs = 10_000 + (baud ? ((bytes.length * 10) / baud) * 3000 : 0);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#d.transport.write(bytes, this.#d.spool.label(jobId)),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Máy in không nhận hết dữ liệu sau ${Math.round(limitMs / 1000)} giây.`)),
            limitMs,
          );
        }),
      ]);
    } catch (err) {
      // The link is suspect: close it, so the next job reconnects, and say why until then.
      this.#failure = err instanceof Error ? err.message : String(err);
      await this.#d.transport.close().catch(() => {});
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async #poll(): Promise<void> {
    if (this.#stopped) return;
    await this.#exclusive(async () => {
      try {
        await this.#open();
        if (this.#d.transport.readsBack) await this.#readStatus();
      } catch (err) {
        if (!(err instanceof NotReady)) this.#d.logError(err, 'printer status poll failed');
      }
      this.#update();
    });
    this.kick();
    if (!this.#stopped)
      this.#pollTimer = setTimeout(
        () => this.#guard(this.#poll(), 'printer status poll failed'),
        this.#d.settings.statusIntervalMs,
      );
  }

  /**
   * Logs what a background promise of the printer threw (a busy database, a bug) and carries
   * on: nothing printing does may end the process. Resolves either way.
   */
  #guard(work: Promise<unknown>, message: string): Promise<void> {
    return work.then(
      () => undefined,
      (err: unknown) => this.#d.logError(err, message),
    );
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#turn.then(work, work);
    this.#turn = next.catch(() => {});
    return next;
  }

  #update(): void {
    const described = printerState({
      connected: this.#d.transport.isOpen,
      readsBack: this.#d.transport.readsBack,
      status: this.#status,
      printing: this.#printing !== null,
      failure: this.#failure,
    });
    const warnings: string[] = [];
    if (described.paper === 'near_end') warnings.push('Sắp hết giấy: chuẩn bị cuộn giấy mới.');
    const slow = this.#jobBytes && slowLinkWarning(this.#jobBytes, this.#d.transport.baudRate);
    if (slow) warnings.push(slow);
    const next: PrinterView = { ...this.#view, ...described, warnings };
    const previous = this.#view;
    if (JSON.stringify(next) === JSON.stringify(previous)) return;
    this.#view = next;
    this.#d.bus.emit('printer.changed', { printer: this.view(), previous });
  }

  #job(job: JobView): void {
    this.#d.bus.emit('print.job', { job });
  }
}
