import { localMoment } from '../../contract/format.js';
import type { FailoverStatus, PrinterView } from '../../contract/screen.js';
import { SYSTEM } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { DomainBus, DomainEvents } from '../events.js';
import type { Notices } from '../notices/notices.js';
import type { Incidents, NewIncident } from './incidents.js';

const OWNER = 'logbook';
/** The appliance itself, as who detected an incident. */
const APPLIANCE = 'Tiếp Sức (tự động)';
/** Open incidents are checked against what is true now this often: a missed event never leaves one open. */
const RECONCILE_MS = 30_000;
const UPS_NOTICE =
  'Trung tâm đang mất điện lưới; hệ thống chạy bằng nguồn dự phòng. Mong công dân thông cảm nếu phải chờ lâu hơn.';

export interface AutoDeps {
  incidents: Incidents;
  notices: Notices;
  bus: DomainBus;
  clock: Clock;
  /** Minutes a printer fault must last to be an incident (plan 2.1). */
  printerFaultMinutes: number;
  timezone: string;
  /** What is true now, for the reconciliation. */
  now: {
    failover: () => Pick<FailoverStatus, 'state' | 'drill'>;
    printers: () => PrinterView[];
    network: () => { role: 'gateway' | 'internet'; ok: boolean }[];
  };
  logError: (err: unknown) => void;
}

const faulty = (p: PrinterView) => p.state === 'error' || p.state === 'offline';

/**
 * Incidents that open and close themselves, from domain events: QMS failure (2.8, a drill is
 * none), a printer fault that lasts (2.1; paper near its end is only a warning), the Internet
 * or the router lost (2.3, kept apart from QMS), a restart after an unclean stop (2.7, the gap
 * from the last heartbeat) and the UPS (2.7). One open incident per cause; each closes itself
 * when its cause ends, and people add to it as to any other.
 */
export class AutoIncidents {
  readonly #d: AutoDeps;
  /** Printers in fault, since when, and the timer that makes it an incident. */
  readonly #faults = new Map<string, { since: number; timer: NodeJS.Timeout }>();
  #reconcile: NodeJS.Timeout | null = null;

  constructor(deps: AutoDeps) {
    this.#d = deps;
  }

  start(): void {
    const { bus } = this.#d;
    bus.on(OWNER, 'failover.transition', (t) => this.#failover(t));
    bus.on(OWNER, 'printer.changed', ({ printer, previous }) => this.#printer(printer, previous));
    bus.on(OWNER, 'network.changed', (e) => this.#network(e));
    bus.on(OWNER, 'process.started', (e) => this.#started(e));
    bus.on(OWNER, 'power.changed', (e) => this.#power(e));
    this.#reconcile = setInterval(() => this.reconcile(), RECONCILE_MS);
    this.#reconcile.unref();
  }

  stop(): void {
    this.#d.bus.off(OWNER);
    if (this.#reconcile) clearInterval(this.#reconcile);
    for (const f of this.#faults.values()) clearTimeout(f.timer);
    this.#faults.clear();
  }

  #open(cause: string, incident: Omit<NewIncident, 'source' | 'cause' | 'detectedBy' | 'reportedBy'>): void {
    if (this.#d.incidents.openFor(cause)) return;
    this.#d.incidents.open({ ...incident, source: 'auto', cause, detectedBy: APPLIANCE, reportedBy: SYSTEM });
  }

  #close(cause: string, result: string, at?: number): void {
    const open = this.#d.incidents.openFor(cause);
    if (open) this.#d.incidents.resolve(open.id, result, SYSTEM, at);
  }

  #failover(t: DomainEvents['failover.transition']): void {
    if (t.drill) return;
    if (t.to === 'active') this.#qmsDown(t.cause, t.at);
    else if (t.from === 'active') {
      this.#close('qms', `QMS 1.2 hoạt động trở lại (${t.cause}); Tiếp Sức bàn giao lại.`, t.at);
    }
  }

  #qmsDown(cause: string, at?: number): void {
    this.#open('qms', {
      type: '2.8',
      title: 'QMS 1.2 không hoạt động: Tiếp Sức cấp số dự phòng',
      symptoms: `Hệ thống lấy số chính không trả lời (${cause}); Tiếp Sức tự chuyển sang cấp số dự phòng.`,
      openedAt: at,
    });
  }

  #printer(printer: PrinterView, previous: PrinterView): void {
    const cause = `printer:${printer.id}`;
    if (faulty(printer) && !this.#faults.has(printer.id)) {
      const since = this.#d.clock.now();
      const timer = setTimeout(() => this.#printerIncident(printer.id), this.#d.printerFaultMinutes * 60_000);
      timer.unref();
      this.#faults.set(printer.id, { since, timer });
    } else if (!faulty(printer) && faulty(previous)) {
      const fault = this.#faults.get(printer.id);
      if (fault) clearTimeout(fault.timer);
      this.#faults.delete(printer.id);
      this.#close(cause, `Máy in ${printer.id} hoạt động trở lại.`);
    }
  }

  /** The fault lasted: an incident dated from when it began. */
  #printerIncident(id: string): void {
    const fault = this.#faults.get(id);
    const printer = this.#d.now.printers().find((p) => p.id === id);
    if (!fault || !printer || !faulty(printer)) return;
    try {
      this.#open(`printer:${id}`, {
        type: '2.1',
        title: `Máy in ${id}: ${printer.lastError ?? 'không in được'}`,
        symptoms: `Máy in ${id} (${printer.transport}) không in được từ ${localMoment(fault.since, this.#d.timezone).clock}: ${printer.lastError ?? 'không rõ lý do'}. Công dân vẫn nhận số trên màn hình máy lấy số.`,
        openedAt: fault.since,
      });
    } catch (err) {
      this.#d.logError(err);
    }
  }

  #network(e: DomainEvents['network.changed']): void {
    const cause = e.role;
    if (e.ok) {
      this.#close(
        cause,
        e.role === 'internet' ? 'Kết nối Internet trở lại.' : 'Kết nối tới bộ định tuyến trở lại.',
        e.at,
      );
      return;
    }
    this.#open(cause, {
      type: '2.3',
      title: e.role === 'internet' ? 'Mất mạng Internet' : 'Mất kết nối mạng nội bộ (bộ định tuyến)',
      symptoms:
        e.role === 'internet'
          ? `Không truy cập được ra Internet, mạng nội bộ vẫn hoạt động (${e.detail ?? ''}). Máy lấy số dự phòng vẫn hoạt động trong mạng nội bộ.`
          : `Máy Tiếp Sức không tới được bộ định tuyến (${e.detail ?? ''}): kiểm tra cáp mạng và bộ chuyển mạch.`,
      openedAt: e.at,
    });
  }

  /** After an unclean stop: the gap from the last heartbeat to this start, opened and closed at once. */
  #started(e: DomainEvents['process.started']): void {
    if (e.cleanStop) return;
    const from = e.lastHeartbeatAt ?? e.at;
    const minutes = Math.max(1, Math.round((e.at - from) / 60_000));
    const tz = this.#d.timezone;
    const incident = this.#d.incidents.open({
      type: '2.7',
      title: 'Tiếp Sức dừng đột ngột (mất điện hoặc lỗi máy)',
      symptoms: `Máy Tiếp Sức ngừng hoạt động không theo quy trình: tín hiệu cuối lúc ${localMoment(from, tz).clock}, chạy lại lúc ${localMoment(e.at, tz).clock} (khoảng ${minutes} phút). Số thứ tự và hồ sơ đã ghi nhận trước đó được giữ nguyên.`,
      source: 'auto',
      cause: 'restart',
      detectedBy: APPLIANCE,
      reportedBy: SYSTEM,
      openedAt: from,
    });
    this.#d.incidents.resolve(incident.id, 'Tiếp Sức đã tự khởi động lại và tiếp tục phục vụ.', SYSTEM, e.at);
  }

  #power(e: DomainEvents['power.changed']): void {
    if (e.status === 'on_battery' || e.status === 'low_battery') {
      this.#open('power', {
        type: '2.7',
        title: 'Mất điện lưới: đang chạy bằng UPS',
        symptoms: 'Bộ lưu điện (UPS) báo mất điện lưới; thiết bị đang chạy bằng pin.',
        openedAt: e.at,
      });
      if (!this.#d.notices.upFor('power')) {
        this.#d.notices.create({ text: UPS_NOTICE, level: 'warning', by: 'hệ thống', cause: 'power' });
      }
      if (e.status === 'low_battery') {
        const open = this.#d.incidents.openFor('power');
        if (open)
          this.#d.incidents.note(
            open.id,
            'Pin UPS yếu: Tiếp Sức tự tắt an toàn để không mất dữ liệu.',
            SYSTEM,
          );
      }
    } else if (e.status === 'online') {
      this.#close('power', 'Điện lưới có lại; UPS trở về chế độ bình thường.', e.at);
      this.#d.notices.endFor('power');
    }
  }

  /**
   * Matches open incidents to what is true now: closes one whose cause has ended (an event
   * missed across a restart), and opens one for a QMS outage no transition told of, such as
   * one that began during a drill and outlasted it.
   */
  reconcile(): void {
    try {
      const failover = this.#d.now.failover();
      if (failover.state !== 'active') this.#close('qms', 'QMS 1.2 hoạt động (đối chiếu trạng thái).');
      else if (!failover.drill) this.#qmsDown('phát hiện khi đối chiếu trạng thái');
      for (const p of this.#d.now.printers())
        if (!faulty(p)) this.#close(`printer:${p.id}`, `Máy in ${p.id} hoạt động.`);
      for (const n of this.#d.now.network())
        if (n.ok) this.#close(n.role, 'Kết nối trở lại (đối chiếu trạng thái).');
    } catch (err) {
      this.#d.logError(err);
    }
  }
}
