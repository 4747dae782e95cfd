import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Block, ReportDocument } from './report-content.js';

/** A4 with Decree 30's margins: top and bottom 20 mm, left 30 mm, right 15 mm. */
const PAGE = { top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_WIDTH_MM = 210 - PAGE.left - PAGE.right;
const FONT = 'Times New Roman';
/** Millimetres in twips (1/1440 inch), rounded: A4 comes out as Word's own 11906 × 16838. */
const convertMillimetersToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
/** Sizes in half-points, as Word counts them. */
const PT = (points: number) => points * 2;

const run = (
  text: string,
  o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {},
) =>
  new TextRun({
    text,
    font: FONT,
    size: PT(o.size ?? 14),
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? { type: 'single' } : undefined,
  });

const centered = (text: string, o: Parameters<typeof run>[1] & { after?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: o.after ?? 0 },
    children: [run(text, o)],
  });

const body = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: convertMillimetersToTwip(10) },
    spacing: { after: 120, line: 312 },
    children: [run(text)],
  });

const twips = (percent: number) => convertMillimetersToTwip((TEXT_WIDTH_MM * percent) / 100);

/** A short rule under a centred line, as Decree 30 draws under the agency name and the subject. */
const rule = (widthMm: number) =>
  new Table({
    alignment: AlignmentType.CENTER,
    width: { size: convertMillimetersToTwip(widthMm), type: WidthType.DXA },
    columnWidths: [convertMillimetersToTwip(widthMm)],
    borders: { ...TableBorders.NONE, top: { style: BorderStyle.SINGLE, size: 6, color: '000000' } },
    rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [] })] })] })],
  });

function heading(doc: ReportDocument): Table {
  const left = [
    centered(doc.parentBody, { size: 13 }),
    centered(doc.agency, { size: 13, bold: true }),
    rule(25),
    centered(doc.number, { size: 13 }),
  ];
  const right = [
    centered(doc.motto[0], { size: 12, bold: true }),
    centered(doc.motto[1], { size: 13, bold: true, underline: true }),
    centered(doc.placeDate, { size: 13, italics: true }),
  ];
  return new Table({
    width: { size: twips(100), type: WidthType.DXA },
    columnWidths: [twips(42), twips(58)],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: twips(42), type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: twips(58), type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

function grid(b: Extract<Block, { kind: 'table' }>): Table {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: twips(b.widths[i] as number), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.TOP,
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { size: 12, bold: head })],
        }),
      ],
    });
  return new Table({
    width: { size: twips(100), type: WidthType.DXA },
    columnWidths: b.widths.map(twips),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({ spacing: { before: 120, after: 60 }, children: [run(b.text, { bold: true })] }),
      ];
    case 'paragraph':
      return [body(b.text)];
    case 'table':
      return [grid(b), new Paragraph({ children: [] })];
    case 'chart':
      // A Word document keeps the figures as a table the leader can edit; the HTML draws the bars.
      return [
        new Paragraph({ children: [run(b.title, { italics: true, size: 12 })] }),
        grid({
          kind: 'table',
          head: ['Loại sự cố', 'Thời gian gián đoạn'],
          widths: [40, 60],
          rows: b.bars.map((bar) => [bar.label, bar.shown]),
        }),
        new Paragraph({ children: [] }),
      ];
  }
}

function closing(doc: ReportDocument): Table {
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
    ...doc.recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
  ];
  const right = [
    centered(doc.signer.authority, { bold: true }),
    centered(doc.signer.title, { bold: true, after: 1600 }),
    centered(doc.signer.name, { bold: true }),
  ];
  return new Table({
    width: { size: twips(100), type: WidthType.DXA },
    columnWidths: [twips(50), twips(50)],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: twips(50), type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: twips(50), type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

/** The report as an editable Word document, for the leader to check, number and sign. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'Tiếp Sức',
    title: `${doc.title} ${doc.subject}`,
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(PAGE.top),
              bottom: convertMillimetersToTwip(PAGE.bottom),
              left: convertMillimetersToTwip(PAGE.left),
              right: convertMillimetersToTwip(PAGE.right),
            },
          },
        },
        children: [
          heading(doc),
          new Paragraph({ children: [] }),
          centered(doc.title, { bold: true }),
          centered(doc.subject, { bold: true }),
          rule(40),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 120, after: 120 },
            children: [
              run('Kính gửi: '),
              ...doc.addressees.flatMap((a, i) => [...(i > 0 ? [new TextRun({ break: 1 })] : []), run(a)]),
            ],
          }),
          ...doc.body.flatMap(block),
          body(doc.closing),
          closing(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
