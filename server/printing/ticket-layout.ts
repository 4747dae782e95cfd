import { localMoment } from '../../contract/format.js';
/** The printable width of each paper, in dots at 203 dpi. */
export const DOTS_PER_PAPER: Record<58 | 80, number> = { 58: 384, 80: 576 };

/** What a printed ticket says: everything the render needs, kept with the job so a reprint matches. */
export interface TicketPrint {
  centerName: string;
  serviceName: string;
  number: string;
  priority: boolean;
  /** Issued by the appliance while it stands in for the main QMS. */
  fallback: boolean;
  waitingBefore: number;
  /** The numbers of the counters that serve the service: where to go when called. */
  counters?: number[];
  /** The ticket's live page, printed as a QR under the ticket. */
  link?: string;
  issuedAt: number;
  /** Set when it prints long after it was issued (held while the paper was out). */
  printedAt?: number;
  timezone: string;
  reprint: boolean;
}

/** What a test page says. */
export interface TestPrint {
  printerId: string;
  transport: string;
  paperWidthMm: number;
  at: number;
  timezone: string;
}

/** One line or paragraph of a ticket. Sizes are in dots on 80 mm paper; 58 mm scales them down. */
export interface Block {
  text: string;
  size: number;
  bold?: boolean;
  /** Drawn inside a frame: the marks staff must not miss. */
  framed?: boolean;
  /** Space above, in dots at 80 mm. */
  gap?: number;
  /** A rule across the paper instead of text. */
  rule?: boolean;
  /**
   * New on every ticket and made of few characters (the number): drawn from kept glyphs
   * rather than as a whole line. Only for text whose glyphs do not kern, such as digits.
   */
  glyphs?: boolean;
}

/** "22/11/2026 · 09:41" in the center's time zone: date first, as on Vietnamese forms. */
export function formatDateTime(at: number, timeZone: string): string {
  const { clock, date } = localMoment(at, timeZone);
  return `${date} · ${clock}`;
}

/**
 * The ticket, top to bottom. Compact on purpose: every row of dots costs 72 bytes at 80 mm,
 * and a serial printer at 115200 baud sends about 160 rows a second.
 */
export function ticketBlocks(t: TicketPrint): Block[] {
  const blocks: Block[] = [
    { text: t.centerName, size: 24, bold: true },
    { text: '', size: 0, rule: true, gap: 6 },
    { text: `Lĩnh vực ${t.serviceName}`, size: 30, bold: true, gap: 6 },
    { text: t.number, size: 132, bold: true, gap: 0, glyphs: true },
  ];
  const marks = [t.priority && 'ƯU TIÊN', t.fallback && 'SỐ DỰ PHÒNG'].filter(Boolean).join(' · ');
  if (marks) blocks.push({ text: marks, size: 26, bold: true, framed: true, gap: 2 });
  if (t.printedAt !== undefined)
    blocks.push({
      text: `IN MUỘN: lấy số ${formatDateTime(t.issuedAt, t.timezone)}\nin lúc ${formatDateTime(t.printedAt, t.timezone)}`,
      size: 22,
      bold: true,
      framed: true,
      gap: 4,
    });
  if (t.counters && t.counters.length > 0)
    blocks.push({ text: `Quầy phục vụ: ${t.counters.join(', ')}`, size: 26, bold: true, gap: 6 });
  blocks.push(
    {
      text:
        t.waitingBefore === 0
          ? 'Không có ai chờ trước quý khách'
          : `Trước quý khách còn ${t.waitingBefore} người chờ`,
      size: 22,
      gap: 8,
    },
    { text: formatDateTime(t.issuedAt, t.timezone), size: 22, gap: 2 },
    { text: 'Mời công dân ngồi chờ gọi số.\nCảm ơn quý khách!', size: 22, bold: true, gap: 6 },
    { text: 'Please wait for your number.\nThank you!', size: 18, gap: 0 },
  );
  if (t.reprint) blocks.push({ text: 'Bản in lại / Reprint', size: 18, gap: 4 });
  if (t.link)
    blocks.push({ text: 'Quét mã để xem lượt chờ trên điện thoại\n(Wi-Fi của Trung tâm)', size: 20, gap: 8 });
  return blocks;
}

/** A page that shows the printer prints Vietnamese, edge to edge, and which printer it is. */
export function testBlocks(t: TestPrint): Block[] {
  return [
    { text: 'IN THỬ / TEST PAGE', size: 36, bold: true, framed: true },
    { text: `Máy in: ${t.printerId} · ${t.transport} · ${t.paperWidthMm} mm`, size: 22, gap: 8 },
    { text: formatDateTime(t.at, t.timezone), size: 22, gap: 2 },
    { text: '', size: 0, rule: true, gap: 8 },
    {
      text: 'Ắ Ằ Ẳ Ẵ Ặ Ấ Ầ Ẩ Ẫ Ậ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự Đ đ ơ ư ỹ ỷ ỳ ý ỵ',
      size: 24,
      gap: 6,
    },
    {
      text: 'Mời công dân — Lĩnh vực Hộ tịch, Chứng thực, Đất đai — ưu tiên — Cảm ơn quý khách',
      size: 22,
      gap: 6,
    },
    { text: '', size: 0, rule: true, gap: 8 },
  ];
}
