import { localStamp } from '../../contract/format.js';
import type { IntakeRecordView, IntakeStatus } from '../../contract/intake.js';
import { RETURN_PLACES } from '../printing/receipt-layout.js';

export const INTAKE_STATUS_NAMES: Record<IntakeStatus, string> = {
  received: 'Chưa nhập hệ thống',
  awaiting_lookup: 'Chờ tra cứu CSDL',
  entered: 'Đã nhập hệ thống',
  returned: 'Đã trả kết quả',
};

/** The paper register's columns, for CSV and XLSX. */
export const INTAKE_HEAD = [
  'STT',
  'Mã tạm',
  'Mã hồ sơ chính thức',
  'Người nộp',
  'Số CCCD',
  'Điện thoại',
  'Địa chỉ',
  'Tổ chức',
  'Mã số thuế',
  'Thủ tục',
  'Lĩnh vực',
  'Giấy tờ',
  'Số bộ',
  'Lệ phí (đồng)',
  'Nhận lúc',
  'Hẹn trả',
  'Trả kết quả tại',
  'Tình trạng',
  'Cán bộ tiếp nhận',
  'Ghi chú',
] as const;
export const INTAKE_WIDTHS = [6, 16, 24, 22, 15, 13, 28, 22, 14, 34, 14, 40, 7, 12, 16, 16, 20, 18, 18, 30];

export function intakeCells(r: IntakeRecordView, timeZone: string): string[] {
  return [
    String(r.bookLine),
    r.code,
    r.officialCode ?? '',
    r.applicantDetail.fullName,
    r.applicantDetail.idNumber ?? '',
    r.applicantDetail.phone ?? '',
    r.applicantDetail.address ?? '',
    r.organization?.name ?? '',
    r.organization?.taxCode ?? '',
    r.procedure,
    r.procedureField,
    r.documents.map((d) => `${d.name} (${d.original ? 'bản chính' : 'bản sao'} × ${d.copies})`).join('; '),
    String(r.sets),
    r.fee === null ? '' : String(r.fee),
    localStamp(r.receivedAt, timeZone),
    localStamp(r.appointmentAt, timeZone),
    RETURN_PLACES[r.returnMethod],
    r.lookupFailed ? `${INTAKE_STATUS_NAMES[r.status]} (${r.lookupFailed})` : INTAKE_STATUS_NAMES[r.status],
    r.staff,
    r.note,
  ];
}
