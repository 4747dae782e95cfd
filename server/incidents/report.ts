import { duration } from '../../contract/format.js';
import type {
  DrillFigures,
  IncidentGroup,
  IncidentSource,
  IncidentSummary,
  IncidentType,
  Proposal,
  QuarterlyReport,
  TypeFigures,
} from '../../contract/logbook.js';
import type { Config } from '../config.js';
import { startOfLocalDay } from '../day.js';
import type { Db } from '../db/open.js';
import type { Ratings } from '../ratings/ratings.js';
import type { Incidents } from './incidents.js';

/** Where a quarter begins and ends (exclusive), local midnights in the center's time zone. */
export function quarterRange(year: number, quarter: number, timezone: string): { from: number; to: number } {
  const month = (q: number) => String(q).padStart(2, '0');
  const first = `${year}-${month((quarter - 1) * 3 + 1)}-01`;
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${month(quarter * 3 + 1)}-01`;
  return { from: startOfLocalDay(first, timezone), to: startOfLocalDay(next, timezone) };
}

export interface ReportSources {
  db: Db;
  incidents: Incidents;
  config: Pick<Config, 'center' | 'report'>;
  /** Paper intake records received and re-entered in a period (the intake register's). */
  paperIntake: (from: number, to: number) => { received: number; reentered: number };
  /** Citizens' ratings made in a period, grouped one way (the satisfaction tablets'). */
  ratings: Pick<Ratings, 'figures' | 'total'>;
  now: number;
}

function satisfaction(ratings: ReportSources['ratings'], from: number, to: number) {
  return {
    total: ratings.total(from, to),
    byCounter: ratings.figures(from, to, 'counter'),
    byService: ratings.figures(from, to, 'service'),
    byStaff: ratings.figures(from, to, 'staff'),
    byMonth: ratings.figures(from, to, 'month'),
  };
}

/**
 * The quarterly report's figures (plan, section IV), computed from the log book, the tickets
 * and the failover and drill records. Every format (JSON, HTML, XLSX, DOCX) shows these.
 */
export function quarterlyReport(year: number, quarter: 1 | 2 | 3 | 4, s: ReportSources): QuarterlyReport {
  const { timezone } = s.config.center;
  const { from, to } = quarterRange(year, quarter, timezone);
  const until = Math.min(to, s.now);
  const list = s.incidents.list({ from, to }).map((i) => ({
    ...i,
    // An incident still open is counted to the quarter's end (or now), not beyond.
    downtimeMs: (i.resolvedAt ? Date.parse(i.resolvedAt) : until) - Date.parse(i.openedAt),
  }));
  const playbooks = new Map(s.incidents.playbooks().map((p) => [p.type, p.title]));
  const byType = [...new Set(list.map((i) => i.type))]
    .sort()
    .map((type) => typeFigures(type, playbooks.get(type) ?? type, list));
  const count = <K extends string>(keys: readonly K[], of: (i: IncidentSummary) => K) =>
    Object.fromEntries(keys.map((k) => [k, list.filter((i) => of(i) === k).length])) as Record<K, number>;
  const report: QuarterlyReport = {
    year,
    quarter,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    generatedAt: new Date(s.now).toISOString(),
    center: {
      name: s.config.center.name,
      parentBody: s.config.center.parentBody,
      place: s.config.center.place,
      timezone,
    },
    heading: { ...s.config.report },
    incidents: {
      total: list.length,
      stillOpen: list.filter((i) => i.status !== 'resolved').length,
      downtimeMs: list.reduce((n, i) => n + i.downtimeMs, 0),
      byType,
      byGroup: count<IncidentGroup>(['simple', 'complex'], (i) => i.group),
      bySource: count<IncidentSource>(['auto', 'manual'], (i) => i.source),
      list,
    },
    fallback: fallbackFigures(s.db, from, until),
    paperIntake: s.paperIntake(from, to),
    satisfaction: satisfaction(s.ratings, from, to),
    drills: drills(s.db, from, to),
    proposals: [],
  };
  report.proposals = proposals(report);
  return report;
}

function typeFigures(type: IncidentType, title: string, all: IncidentSummary[]): TypeFigures {
  const of = all.filter((i) => i.type === type);
  const resolved = of.filter((i) => i.resolvedAt !== null);
  const total = of.reduce((n, i) => n + i.downtimeMs, 0);
  const longest = of.reduce<IncidentSummary | null>(
    (a, i) => (a === null || i.downtimeMs > a.downtimeMs ? i : a),
    null,
  );
  return {
    type,
    title,
    count: of.length,
    downtimeMs: total,
    meanDowntimeMs: Math.round(total / of.length),
    meanResolveMs: resolved.length
      ? Math.round(resolved.reduce((n, i) => n + i.downtimeMs, 0) / resolved.length)
      : null,
    longest: longest && {
      id: longest.id,
      title: longest.title,
      openedAt: longest.openedAt,
      downtimeMs: longest.downtimeMs,
    },
  };
}

/** Tickets issued in fallback, and how long and how often the appliance stood in for QMS (drills aside). */
function fallbackFigures(db: Db, from: number, until: number): QuarterlyReport['fallback'] {
  const tickets = (
    db
      .prepare(
        "SELECT count(*) AS n FROM tickets WHERE fallback = 1 AND origin = 'kiosk' AND issued_at >= ? AND issued_at < ?",
      )
      .get(from, until) as { n: number }
  ).n;
  const transitions = db
    .prepare(
      'SELECT at, from_state, to_state FROM failover_transitions WHERE drill = 0 AND at < ? ORDER BY id',
    )
    .all(until) as { at: number; from_state: string; to_state: string }[];
  let activeMs = 0;
  let periods = 0;
  let since: number | null = null;
  for (const t of transitions) {
    if (t.to_state === 'active' && since === null) since = t.at;
    else if (t.from_state === 'active' && since !== null) {
      if (t.at > from) {
        activeMs += t.at - Math.max(since, from);
        periods++;
      }
      since = null;
    }
  }
  if (since !== null) {
    activeMs += until - Math.max(since, from);
    periods++;
  }
  return { tickets, activeMs, periods };
}

function drills(db: Db, from: number, to: number): DrillFigures[] {
  const rows = db
    .prepare('SELECT * FROM failover_drills WHERE started_at >= ? AND started_at < ? ORDER BY started_at')
    .all(from, to) as {
    started_at: number;
    ended_at: number | null;
    note: string | null;
    first_ticket_at: number | null;
    first_call_at: number | null;
  }[];
  const after = (start: number, at: number | null) =>
    at === null ? null : Math.round((at - start) / 100) / 10;
  return rows.map((r) => ({
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
    note: r.note,
    secondsToFirstTicket: after(r.started_at, r.first_ticket_at),
    secondsToFirstCall: after(r.started_at, r.first_call_at),
  }));
}

/**
 * Proposals drawn from the figures (plan, section IV: "đề xuất các giải pháp cải tiến dựa trên
 * thống kê sự cố thực tế"), each with the facts behind it.
 */
export function proposals(r: QuarterlyReport): Proposal[] {
  const out: Proposal[] = [];
  const of = (type: IncidentType) => r.incidents.byType.find((t) => t.type === type);
  const outages = r.incidents.byType
    .filter((t) => t.type !== '2.1' && t.type !== '2.2')
    .reduce((n, t) => n + t.count, 0);
  const internet = of('2.3');
  if (internet && (internet.count >= 2 || internet.count * 2 >= outages)) {
    out.push({
      text: 'Lắp đặt đường truyền Internet thứ hai của nhà cung cấp khác, có bộ chuyển mạch tự động, như phương án 2.3 của kế hoạch.',
      facts: [
        `${internet.count} trong ${outages} sự cố gián đoạn là mất mạng Internet, tổng thời gian ${duration(internet.downtimeMs)}.`,
      ],
    });
  }
  const qms = of('2.8');
  if (qms) {
    out.push({
      text: 'Đề nghị VNPT Nghệ An kiểm tra, bảo trì hệ thống lấy số QMS 1.2 và cam kết thời gian khắc phục.',
      facts: [
        `QMS 1.2 ngừng hoạt động ${qms.count} lần, tổng ${duration(qms.downtimeMs)}; lần dài nhất ${duration(qms.longest?.downtimeMs ?? 0)}.`,
        `Trong thời gian đó Tiếp Sức đã cấp ${r.fallback.tickets} số dự phòng (${duration(r.fallback.activeMs)} chạy dự phòng).`,
      ],
    });
  }
  const printer = of('2.1');
  if (printer && printer.count >= 2) {
    out.push({
      text: 'Dự trữ giấy in nhiệt tại quầy và kiểm tra máy in đầu mỗi buổi làm việc.',
      facts: [`Máy in gặp sự cố ${printer.count} lần, tổng ${duration(printer.downtimeMs)}.`],
    });
  }
  const power = of('2.7');
  if (power) {
    out.push({
      text: 'Trang bị hoặc bảo dưỡng máy nổ và bộ lưu điện (UPS) cho máy chủ, mạng và máy lấy số, như phương án 2.7.',
      facts: [`Mất điện hoặc máy dừng đột ngột ${power.count} lần, tổng ${duration(power.downtimeMs)}.`],
    });
  }
  const login = of('2.2');
  if (login && login.count >= 3) {
    out.push({
      text: 'Tập huấn lại cho cán bộ về tài khoản, mật khẩu và quy trình mở khóa.',
      facts: [`${login.count} sự cố lỗi đăng nhập trong quý.`],
    });
  }
  if (r.drills.length === 0) {
    out.push({
      text: 'Tổ chức diễn tập chuyển sang lấy số dự phòng ít nhất mỗi quý, như yêu cầu tại mục I.2 của kế hoạch.',
      facts: ['Trong quý không có buổi diễn tập nào.'],
    });
  }
  const notEntered = r.paperIntake.received - r.paperIntake.reentered;
  if (notEntered > 0) {
    out.push({
      text: 'Hoàn tất việc nhập lại các hồ sơ tiếp nhận bằng giấy vào hệ thống một cửa.',
      facts: [`${notEntered} trong ${r.paperIntake.received} hồ sơ tiếp nhận tạm chưa được nhập lại.`],
    });
  }
  if (r.incidents.stillOpen > 0) {
    out.push({
      text: 'Theo dõi và xử lý dứt điểm các sự cố còn mở.',
      facts: [`${r.incidents.stillOpen} sự cố chưa được khắc phục đến cuối kỳ báo cáo.`],
    });
  }
  if (out.length === 0) {
    out.push({
      text: 'Duy trì phương án dự phòng hiện tại và tiếp tục diễn tập định kỳ.',
      facts: [`${r.incidents.total} sự cố trong quý, không có sự cố nào lặp lại cần giải pháp riêng.`],
    });
  }
  return out;
}
