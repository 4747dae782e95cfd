import type { PaperState, PrinterState } from '../../contract/screen.js';
import type { PrinterStatus } from '../../drivers/escpos/status.js';

/** What the monitor knows of a printer at one moment. */
export interface Observation {
  /** The link is open. */
  connected: boolean;
  /** The link can carry status replies. */
  readsBack: boolean;
  /** The last status round's answer; null when it went unanswered or was not asked. */
  status: PrinterStatus | null;
  printing: boolean;
  /** The last failure of the link or of a job, if it still stands. */
  failure: string | null;
}

/** Why a printer that answered cannot print, in the words a technician would use; null if it can. */
export function statusFault(status: PrinterStatus): string | null {
  if (status.paperOut) return 'Hết giấy: thay cuộn giấy mới.';
  if (status.coverOpen) return 'Nắp máy in đang mở.';
  if (status.cutterError) return 'Lỗi dao cắt giấy: kiểm tra kẹt giấy.';
  if (status.unrecoverableError) return 'Máy in báo lỗi không tự phục hồi: tắt rồi bật lại máy in.';
  if (status.recoverableError) return 'Máy in báo lỗi tạm thời (đầu in quá nóng?).';
  if (status.offline) return 'Máy in đang ngoại tuyến.';
  return null;
}

export function printerState(o: Observation): {
  state: PrinterState;
  paper: PaperState;
  lastError: string | null;
} {
  const paper: PaperState = !o.status
    ? 'unknown'
    : o.status.paperOut
      ? 'out'
      : o.status.paperNearEnd
        ? 'near_end'
        : 'ok';
  if (!o.connected)
    return { state: 'offline', paper: 'unknown', lastError: o.failure ?? 'Chưa kết nối được máy in.' };
  const fault = o.status && statusFault(o.status);
  if (fault) return { state: 'error', paper, lastError: fault };
  if (o.printing) return { state: 'printing', paper, lastError: null };
  if (o.readsBack && !o.status) {
    return { state: 'offline', paper, lastError: o.failure ?? 'Máy in không trả lời yêu cầu trạng thái.' };
  }
  if (o.failure) return { state: 'error', paper, lastError: o.failure };
  return { state: o.readsBack ? 'ready' : 'unknown', paper, lastError: null };
}

/** Seconds a job of `bytes` takes on a serial line at `baudRate` (8N1: ten bits a byte). */
export const secondsOnWire = (bytes: number, baudRate: number): number => (bytes * 10) / baudRate;

export function slowLinkWarning(bytes: number, baudRate: number | null): string | null {
  if (baudRate === null) return null;
  const seconds = secondsOnWire(bytes, baudRate);
  if (seconds <= 3) return null;
  return `Mỗi vé mất khoảng ${seconds.toFixed(1).replace('.', ',')} giây ở ${baudRate} baud: đặt máy in và cấu hình 115200 baud.`;
}
