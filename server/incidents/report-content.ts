import {
  duration,
  localStamp,
  ROMAN,
  STATUS_NAMES,
  typeNumber,
  vietnameseDate,
} from '../../contract/format.js';
import { INCIDENT_TYPES, type QuarterlyReport } from '../../contract/logbook.js';
import { type RatingFigures, SCORE_NAMES, SCORES } from '../../contract/ratings.js';

/**
 * The quarterly report as a Vietnamese administrative document (Decree 30/2020/NĐ-CP):
 * its heading, body and closing as plain data. The HTML and DOCX renderers lay out this one
 * content, so every format says the same words and figures.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { kind: 'chart'; title: string; bars: { label: string; value: number; shown: string }[] };

export interface ReportDocument {
  /** Top left: the parent body, then the center, then the number. */
  parentBody: string;
  agency: string;
  number: string;
  /** Top right: the national motto, then the place and date (italic). */
  motto: [string, string];
  placeDate: string;
  title: string;
  subject: string;
  /** Kính gửi: one line each, punctuated. */
  addressees: string[];
  body: Block[];
  closing: string;
  /** Nơi nhận: bold italic, its items smaller. */
  recipients: string[];
  signer: { authority: string; title: string; name: string };
}

const percent = (x: number | null) => (x === null ? '—' : `${String(x).replace('.', ',')}%`);

/** The satisfaction section: the rate as Decision 766/QĐ-TTg counts it, then by group. */
function satisfactionBlocks(s: QuarterlyReport['satisfaction'], q: string, heading: Block): Block[] {
  const { total } = s;
  if (total.rated === 0)
    return [
      heading,
      { kind: 'paragraph', text: `Trong ${q} chưa có lượt đánh giá nào tại máy đánh giá ở quầy.` },
    ];
  const table = (first: string, rows: RatingFigures[]): Block => ({
    kind: 'table',
    head: [first, 'Lượt đánh giá', ...SCORES.map((k) => SCORE_NAMES[k]), 'Tỷ lệ hài lòng'],
    widths: [26, 12, 12, 11, 12, 13, 14],
    rows: [...rows, total].map((f) => [
      f === total ? 'Tổng cộng' : f.label,
      String(f.rated),
      ...SCORES.map((k) => String(f.byScore[k])),
      percent(f.satisfactionPct),
    ]),
  });
  return [
    heading,
    {
      kind: 'paragraph',
      text: `Trong ${q} có ${total.rated} lượt người dân đánh giá tại quầy: ${SCORES.map((k) => `${total.byScore[k]} ${SCORE_NAMES[k].toLowerCase()}`).join(', ')}. Tỷ lệ hài lòng (số lượt đánh giá trừ số lượt không hài lòng, trên tổng số lượt đánh giá, theo Quyết định số 766/QĐ-TTg) đạt ${percent(total.satisfactionPct)}.`,
    },
    { kind: 'paragraph', text: 'a) Theo quầy:' },
    table('Quầy', s.byCounter),
    { kind: 'paragraph', text: 'b) Theo lĩnh vực:' },
    table('Lĩnh vực', s.byService),
    { kind: 'paragraph', text: 'c) Theo cán bộ:' },
    table('Cán bộ', s.byStaff),
    { kind: 'paragraph', text: 'd) Theo tháng:' },
    table('Tháng', s.byMonth),
  ];
}

export function reportDocument(r: QuarterlyReport): ReportDocument {
  const tz = r.center.timezone;
  const q = `quý ${ROMAN[r.quarter]} năm ${r.year}`;
  const local = (iso: string) => localStamp(iso, tz);
  const inc = r.incidents;
  // Sections are numbered as they appear: the list of incidents only when there was one.
  let section = 0;
  const heading = (text: string): Block => ({ kind: 'heading', text: `${ROMAN[++section]}. ${text}` });
  const body: Block[] = [
    heading('TÌNH HÌNH SỰ CỐ KỸ THUẬT TRONG QUÝ'),
    {
      kind: 'paragraph',
      text:
        inc.total === 0
          ? `Trong ${q}, ${r.center.name} không ghi nhận sự cố kỹ thuật nào.`
          : `Trong ${q}, ${r.center.name} ghi nhận ${inc.total} sự cố kỹ thuật (${inc.byGroup.simple} sự cố đơn giản, ${inc.byGroup.complex} sự cố phức tạp; ${inc.bySource.auto} sự cố do hệ thống tự phát hiện, ${inc.bySource.manual} sự cố do cán bộ báo), tổng thời gian gián đoạn ${duration(inc.downtimeMs)}${inc.stillOpen > 0 ? `; ${inc.stillOpen} sự cố chưa được khắc phục đến cuối kỳ` : ''}.`,
    },
  ];
  if (inc.total > 0) {
    body.push(
      {
        kind: 'table',
        head: ['Loại', 'Sự cố', 'Số lần', 'Tổng thời gian', 'Trung bình', 'Khắc phục TB', 'Lần dài nhất'],
        widths: [7, 33, 8, 13, 13, 13, 13],
        rows: inc.byType.map((t) => [
          typeNumber(t.type),
          t.title,
          String(t.count),
          duration(t.downtimeMs),
          duration(t.meanDowntimeMs),
          t.meanResolveMs === null ? '—' : duration(t.meanResolveMs),
          t.longest ? duration(t.longest.downtimeMs) : '—',
        ]),
      },
      {
        kind: 'chart',
        title: 'Thời gian gián đoạn theo loại sự cố',
        bars: INCIDENT_TYPES.flatMap((type) => {
          const t = inc.byType.find((x) => x.type === type);
          return t ? [{ label: typeNumber(type), value: t.downtimeMs, shown: duration(t.downtimeMs) }] : [];
        }),
      },
    );
  }
  body.push(
    heading('HOẠT ĐỘNG DỰ PHÒNG'),
    {
      kind: 'paragraph',
      text:
        r.fallback.periods === 0
          ? 'Trong quý, hệ thống lấy số dự phòng Tiếp Sức không phải thay thế hệ thống QMS 1.2.'
          : `Hệ thống lấy số dự phòng Tiếp Sức đã thay thế hệ thống QMS 1.2 ${r.fallback.periods} lần, tổng cộng ${duration(r.fallback.activeMs)}, cấp ${r.fallback.tickets} số thứ tự dự phòng cho công dân.`,
    },
    {
      kind: 'paragraph',
      text: `Hồ sơ tiếp nhận tạm bằng giấy trong thời gian sự cố: ${r.paperIntake.received} hồ sơ, trong đó đã nhập lại vào hệ thống ${r.paperIntake.reentered} hồ sơ.`,
    },
    {
      kind: 'paragraph',
      text:
        r.drills.length === 0
          ? 'Trong quý chưa tổ chức diễn tập chuyển sang lấy số dự phòng.'
          : `Trong quý tổ chức ${r.drills.length} buổi diễn tập chuyển sang lấy số dự phòng:`,
    },
  );
  if (r.drills.length > 0) {
    body.push({
      kind: 'table',
      head: ['STT', 'Thời gian', 'Cấp số đầu tiên sau', 'Gọi số đầu tiên sau', 'Ghi chú'],
      widths: [7, 22, 20, 20, 31],
      rows: r.drills.map((d, i) => [
        String(i + 1),
        local(d.startedAt),
        d.secondsToFirstTicket === null ? '—' : `${d.secondsToFirstTicket} giây`,
        d.secondsToFirstCall === null ? '—' : `${d.secondsToFirstCall} giây`,
        d.note ?? '',
      ]),
    });
  }
  body.push(...satisfactionBlocks(r.satisfaction, q, heading('MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN')));
  if (inc.total > 0) {
    body.push(heading('DANH SÁCH SỰ CỐ'), {
      kind: 'table',
      head: ['STT', 'Thời điểm', 'Loại', 'Nội dung', 'Gián đoạn', 'Tình trạng'],
      widths: [7, 19, 8, 40, 13, 13],
      rows: inc.list.map((i, n) => [
        String(n + 1),
        local(i.openedAt),
        typeNumber(i.type),
        i.title,
        duration(i.downtimeMs),
        STATUS_NAMES[i.status],
      ]),
    });
  }
  body.push(heading('ĐỀ XUẤT, KIẾN NGHỊ'));
  r.proposals.forEach((p, i) => {
    body.push({ kind: 'paragraph', text: `${i + 1}. ${p.text} Căn cứ: ${p.facts.join(' ')}` });
  });
  return {
    parentBody: r.center.parentBody.toUpperCase(),
    agency: r.center.name.toUpperCase(),
    number: `Số:        /${r.heading.symbol}`,
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    placeDate: `${r.center.place}, ${vietnameseDate(Date.parse(r.generatedAt), tz)}`,
    title: 'BÁO CÁO',
    subject: `Tình hình sự cố kỹ thuật và công tác dự phòng ${q}`,
    addressees: r.heading.addressees.map((a, i, all) => `- ${a}${i === all.length - 1 ? '.' : ';'}`),
    body,
    closing: `Trên đây là báo cáo tình hình sự cố kỹ thuật và công tác dự phòng ${q} của ${r.center.name}./.`,
    recipients: ['- Như trên;', '- Lãnh đạo Trung tâm;', '- Lưu: VT.'],
    signer: {
      authority: r.heading.signerAuthority,
      title: r.heading.signerTitle,
      name: r.heading.signerName,
    },
  };
}
