import ExcelJS from 'exceljs';
import { localStamp, ROMAN, STATUS_NAMES, typeNumber } from '../../contract/format.js';
import type { QuarterlyReport } from '../../contract/logbook.js';
import { SCORE_NAMES, SCORES } from '../../contract/ratings.js';
import { sheet } from '../documents/table-xlsx.js';

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * The quarterly report's figures as a workbook: minutes and counts as numbers, so a leader can
 * add them up or chart them; the same figures as the HTML and DOCX.
 */
export async function reportXlsx(r: QuarterlyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tiếp Sức';
  const inc = r.incidents;
  sheet(
    book,
    'Tổng hợp',
    ['Chỉ tiêu', `Quý ${ROMAN[r.quarter]}/${r.year}`],
    [
      ['Tổng số sự cố', inc.total],
      ['Sự cố đơn giản', inc.byGroup.simple],
      ['Sự cố phức tạp', inc.byGroup.complex],
      ['Do hệ thống tự phát hiện', inc.bySource.auto],
      ['Do cán bộ báo', inc.bySource.manual],
      ['Chưa khắc phục đến cuối kỳ', inc.stillOpen],
      ['Tổng thời gian gián đoạn (phút)', minutes(inc.downtimeMs)],
      ['Số thứ tự dự phòng đã cấp', r.fallback.tickets],
      ['Số lần chạy dự phòng', r.fallback.periods],
      ['Thời gian chạy dự phòng (phút)', minutes(r.fallback.activeMs)],
      ['Hồ sơ tiếp nhận tạm bằng giấy', r.paperIntake.received],
      ['Hồ sơ đã nhập lại', r.paperIntake.reentered],
      ['Số buổi diễn tập', r.drills.length],
      ['Lượt người dân đánh giá', r.satisfaction.total.rated],
      ['Tỷ lệ hài lòng (%, QĐ 766/QĐ-TTg)', r.satisfaction.total.satisfactionPct],
    ],
    [40, 16],
  );
  sheet(
    book,
    'Theo loại sự cố',
    [
      'Loại',
      'Sự cố',
      'Số lần',
      'Tổng gián đoạn (phút)',
      'Trung bình (phút)',
      'Khắc phục TB (phút)',
      'Lần dài nhất (phút)',
    ],
    inc.byType.map((t) => [
      typeNumber(t.type),
      t.title,
      t.count,
      minutes(t.downtimeMs),
      minutes(t.meanDowntimeMs),
      t.meanResolveMs === null ? null : minutes(t.meanResolveMs),
      t.longest ? minutes(t.longest.downtimeMs) : null,
    ]),
    [8, 44, 10, 20, 18, 20, 20],
  );
  sheet(
    book,
    'Danh sách sự cố',
    ['STT', 'Thời điểm', 'Loại', 'Nội dung', 'Nguồn', 'Gián đoạn (phút)', 'Tình trạng'],
    inc.list.map((i, n) => [
      n + 1,
      localStamp(i.openedAt, r.center.timezone),
      typeNumber(i.type),
      i.title,
      i.source === 'auto' ? 'Tự động' : 'Cán bộ báo',
      minutes(i.downtimeMs),
      STATUS_NAMES[i.status],
    ]),
    [6, 18, 8, 50, 12, 16, 16],
  );
  const sat = r.satisfaction;
  sheet(
    book,
    'Mức độ hài lòng',
    ['Nhóm', 'Theo', 'Lượt đánh giá', ...SCORES.map((k) => SCORE_NAMES[k]), 'Tỷ lệ hài lòng (%)'],
    (
      [
        ['Quầy', sat.byCounter],
        ['Lĩnh vực', sat.byService],
        ['Cán bộ', sat.byStaff],
        ['Tháng', sat.byMonth],
        ['Tổng cộng', [sat.total]],
      ] as const
    ).flatMap(([group, rows]) =>
      rows.map((f) => [group, f.label, f.rated, ...SCORES.map((k) => f.byScore[k]), f.satisfactionPct]),
    ),
    [12, 30, 14, 14, 12, 14, 16, 18],
  );
  sheet(
    book,
    'Diễn tập',
    ['STT', 'Thời gian', 'Cấp số đầu tiên sau (giây)', 'Gọi số đầu tiên sau (giây)', 'Ghi chú'],
    r.drills.map((d, i) => [
      i + 1,
      localStamp(d.startedAt, r.center.timezone),
      d.secondsToFirstTicket,
      d.secondsToFirstCall,
      d.note ?? '',
    ]),
    [6, 18, 24, 24, 40],
  );
  sheet(
    book,
    'Đề xuất',
    ['STT', 'Đề xuất', 'Căn cứ'],
    r.proposals.map((p, i) => [i + 1, p.text, p.facts.join(' ')]),
    [6, 60, 60],
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The log book for a period, laid out as the paper register. */
