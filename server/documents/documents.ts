import type { QuarterlyReport } from '../../contract/logbook.js';
import { ChildWorker, childEntry } from '../workers/child-worker.js';
import type { Table } from './table-xlsx.js';

export type DocumentRequest =
  | { kind: 'quarterly-docx'; report: QuarterlyReport }
  | { kind: 'quarterly-xlsx'; report: QuarterlyReport }
  | ({ kind: 'table-xlsx' } & Table)
  | { kind: 'tables-xlsx'; tables: Table[] };

const entry = childEntry('document-process', import.meta.url);

/**
 * Word and Excel files are built in a child process: their libraries (docx, exceljs) and the
 * work of zipping stay out of the queue server, which answers kiosks meanwhile. The child
 * starts on the first request and leaves after a minute without one.
 */
export class Documents {
  readonly #worker = new ChildWorker<DocumentRequest, Uint8Array>({
    entry,
    name: 'Bộ lập văn bản',
    timeoutMs: 60_000,
    maxOldSpaceMb: 256,
    idleExitMs: 60_000,
  });

  async build(request: DocumentRequest): Promise<Buffer> {
    return Buffer.from(await this.#worker.request(request));
  }

  stop(): Promise<void> {
    return this.#worker.stop();
  }
}
