/** What the screens are told about a printer (the `/api/printers` contract). */
export type PrinterState = 'ready' | 'printing' | 'error' | 'offline' | 'unknown';
export type PaperState = 'ok' | 'near_end' | 'out' | 'unknown';
export type Transport = 'virtual' | 'tcp' | 'serial' | 'device';

export interface PrinterView {
  id: string;
  transport: Transport;
  state: PrinterState;
  paper: PaperState;
  /** Why it cannot print, in Vietnamese; null when it can. */
  lastError: string | null;
  paperWidthMm: 58 | 80;
  /** Things to fix before they stop printing: paper near end, a baud rate too slow. */
  warnings: string[];
}
