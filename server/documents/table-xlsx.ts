import ExcelJS from 'exceljs';

export type Cell = string | number | null;

/** A worksheet of `rows` under a bold, frozen header row; long text wraps in its column. */
export function sheet(
  book: ExcelJS.Workbook,
  name: string,
  head: readonly string[],
  rows: Cell[][],
  widths: readonly number[],
) {
  const ws = book.addWorksheet(name);
  ws.columns = head.map((header, i) => ({ header, width: widths[i] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  return ws;
}

export interface Table {
  sheetName: string;
  /** Printed at the top of every page. */
  title: string;
  head: readonly string[];
  rows: Cell[][];
  widths: readonly number[];
}

/** A register (the log book, the intake register) as a workbook that prints on A4 landscape. */
export function tableXlsx(t: Table): Promise<Buffer> {
  return tablesXlsx([t]);
}

/** Several tables, one sheet each, as one workbook (the leader's figures by service, counter…). */
export async function tablesXlsx(tables: readonly Table[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tiếp Sức';
  for (const t of tables) {
    const ws = sheet(book, t.sheetName, t.head, t.rows, t.widths);
    ws.headerFooter.oddHeader = `&C&B${t.title}`;
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
