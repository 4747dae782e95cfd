import { localStamp, typeNumber } from '../../contract/format.js';
import type { IncidentDetail, LogbookRow } from '../../contract/logbook.js';

/** The log book's columns, in the order of the paper register. */
export const LOGBOOK_HEAD = [
  'STT',
  'Thời gian phát hiện',
  'Loại sự cố',
  'Biểu hiện',
  'Người phát hiện',
  'Xử lý',
  'Người xử lý',
  'Thời gian khắc phục',
  'Kết quả',
  'Ghi chú',
] as const;

/** Incidents as lines of the log book: what was done, by whom, with what result. */
export function logbookRows(incidents: IncidentDetail[]): LogbookRow[] {
  return incidents.map((i, n) => {
    const done = i.entries.filter((e) => e.kind === 'step' || e.kind === 'contact' || e.kind === 'escalate');
    const handling = done.map((e) =>
      e.kind === 'step'
        ? e.text
        : e.kind === 'contact'
          ? `Đã liên hệ ${e.contact?.name ?? ''} (${e.contact?.unit ?? ''})${e.text ? `: ${e.text}` : ''}`
          : `Chuyển tuyến${e.contact ? ` tới ${e.contact.unit}` : ''}: ${e.text}`,
    );
    const handlers = [
      ...new Set([...done, ...i.entries.filter((e) => e.kind === 'resolve')].map((e) => e.by)),
    ];
    const notes = i.entries
      .filter((e) => e.kind === 'note' || e.kind === 'correction')
      .map((e) => (e.kind === 'correction' ? `Sửa mục ${e.corrects}: ${e.text}` : e.text));
    return {
      id: i.id,
      no: n + 1,
      detectedAt: i.openedAt,
      type: i.type,
      title: i.title,
      symptoms: i.symptoms,
      detectedBy: i.detectedBy,
      handling: handling.join('; '),
      handledBy: handlers.join(', '),
      resolvedAt: i.resolvedAt,
      result: i.entries.find((e) => e.kind === 'resolve')?.text ?? '',
      notes: notes.join('; '),
      status: i.status,
    };
  });
}

/** A log book line as the cells of the paper register. */
export function logbookCells(r: LogbookRow, timeZone: string): string[] {
  return [
    String(r.no),
    localStamp(r.detectedAt, timeZone),
    `${typeNumber(r.type)}. ${r.title}`,
    r.symptoms,
    r.detectedBy,
    r.handling,
    r.handledBy,
    r.resolvedAt ? localStamp(r.resolvedAt, timeZone) : 'Chưa khắc phục',
    r.result,
    r.notes,
  ];
}
