import { formalTime } from '../../contract/format.js';
import type { Block } from './ticket-layout.js';

/** A paper-intake receipt as printed: kept with its job so a reprint says the same. */
export interface ReceiptPrint {
  agency: string;
  code: string;
  applicant: string;
  phone: string | null;
  procedure: string;
  documents: { name: string; copies: number; original: boolean }[];
  sets: number;
  processingDays: number;
  receivedAt: number;
  appointmentAt: number;
  returnMethod: 'counter' | 'post';
  /** Why the receipt is temporary: the incident that put intake on paper. */
  reason: string;
  staff: string;
  timezone: string;
  reprint: boolean;
}

export const RETURN_PLACES: Record<ReceiptPrint['returnMethod'], string> = {
  counter: 'Bộ phận Một cửa (nhận trực tiếp)',
  post: 'qua dịch vụ bưu chính công ích',
};

export const processingTime = (days: number) => (days === 0 ? 'trong ngày' : `${days} ngày làm việc`);

/**
 * The thermal receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, short form): what the citizen
 * keeps until the result. Its code is also printed as a QR code for the counter to scan.
 */
export function receiptBlocks(r: ReceiptPrint): Block[] {
  const line = (text: string, gap = 2): Block => ({ text, size: 22, gap });
  const blocks: Block[] = [
    { text: r.agency, size: 22, bold: true },
    { text: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', size: 20 },
    { text: '', size: 0, rule: true, gap: 6 },
    { text: 'GIẤY TIẾP NHẬN HỒ SƠ\nVÀ HẸN TRẢ KẾT QUẢ', size: 30, bold: true, gap: 6 },
    { text: `Mã hồ sơ: ${r.code}`, size: 30, bold: true, framed: true, gap: 6 },
    { text: `TẠM TIẾP NHẬN DO SỰ CỐ: ${r.reason}`, size: 20, bold: true, gap: 6 },
    line(`Người nộp: ${r.applicant}`, 10),
  ];
  if (r.phone) blocks.push(line(`Điện thoại: ${r.phone}`));
  blocks.push(line(`Thủ tục: ${r.procedure}`, 6), line('Giấy tờ đã nhận:', 6));
  for (const [i, d] of r.documents.entries()) {
    blocks.push(line(`${i + 1}) ${d.name} (${d.original ? 'bản chính' : 'bản sao'}, ${d.copies} bản)`, 0));
  }
  blocks.push(
    line(`Số bộ hồ sơ: ${r.sets}`, 6),
    line(`Thời hạn giải quyết: ${processingTime(r.processingDays)}`),
    line(`Nhận hồ sơ lúc: ${formalTime(r.receivedAt, r.timezone)}`, 6),
    { text: `Hẹn trả kết quả: ${formalTime(r.appointmentAt, r.timezone)}`, size: 24, bold: true, gap: 4 },
    line(`Nhận kết quả tại: ${RETURN_PLACES[r.returnMethod]}`),
    line(`Cán bộ tiếp nhận: ${r.staff}`, 6),
    { text: 'Xin mang theo giấy này khi đến nhận kết quả.', size: 20, bold: true, gap: 8 },
  );
  if (r.reprint) blocks.push({ text: 'Bản in lại', size: 18, gap: 4 });
  return blocks;
}
