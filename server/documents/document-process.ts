/** The documents' own process: builds Word and Excel files (see documents.ts). */

import { reportDocument } from '../incidents/report-content.js';
import { reportDocx } from '../incidents/report-docx.js';
import { reportXlsx } from '../incidents/report-xlsx.js';
import { serveRequests } from '../workers/child-worker.js';
import type { DocumentRequest } from './documents.js';
import { tablesXlsx, tableXlsx } from './table-xlsx.js';

serveRequests<DocumentRequest, Uint8Array>((r) => {
  switch (r.kind) {
    case 'quarterly-docx':
      return reportDocx(reportDocument(r.report));
    case 'quarterly-xlsx':
      return reportXlsx(r.report);
    case 'table-xlsx':
      return tableXlsx(r);
    case 'tables-xlsx':
      return tablesXlsx(r.tables);
  }
});
