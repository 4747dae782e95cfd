import { esc, TINOS_FACES } from '../documents/html.js';
import type { Block, ReportDocument } from './report-content.js';

/** A horizontal bar chart as SVG: no script, prints as it shows. */
function chart(block: Extract<Block, { kind: 'chart' }>): string {
  const max = Math.max(1, ...block.bars.map((b) => b.value));
  const row = 26;
  const width = 560;
  const bars = block.bars
    .map((b, i) => {
      const w = Math.max(2, Math.round((b.value / max) * 330));
      const y = i * row + 4;
      return `<text x="0" y="${y + 15}" font-size="13">${esc(b.label)}</text>
<rect x="70" y="${y}" width="${w}" height="18" fill="#8a1c14"/>
<text x="${76 + w}" y="${y + 15}" font-size="12">${esc(b.shown)}</text>`;
    })
    .join('\n');
  return `<figure class="chart"><figcaption>${esc(block.title)}</figcaption>
<svg width="${width}" height="${block.bars.length * row + 8}" viewBox="0 0 ${width} ${block.bars.length * row + 8}" role="img" aria-label="${esc(block.title)}">${bars}</svg></figure>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${esc(b.text)}</h2>`;
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'table':
      return `<table class="grid"><colgroup>${b.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>
<thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
    case 'chart':
      return chart(b);
  }
}

/**
 * The report as an A4 page to read and print from the browser: Times New Roman (Tinos, its
 * metric twin, bundled for machines without it), the margins and heading of Decree 30.
 */
export function reportHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${esc(doc.title)} — ${esc(doc.subject)}</title>
<style>
${TINOS_FACES}
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', 'Tinos', serif; font-size: 14pt; line-height: 1.35; color: #000; max-width: 165mm; margin: 12mm auto; }
@media print { body { margin: 0; max-width: none; } }
.head { display: grid; grid-template-columns: 42% 58%; text-align: center; font-size: 13pt; }
.head p { margin: 0; text-align: center; text-indent: 0; white-space: pre-wrap; }
.agency { font-weight: 700; }
.rule { width: 30%; margin: 1pt auto 4pt; border-top: 1px solid #000; }
.motto-1 { font-weight: 700; font-size: 12pt; }
.motto-2 { font-weight: 700; display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
.date { font-style: italic; margin-top: 6pt !important; }
h1 { text-align: center; font-size: 14pt; margin: 18pt 0 0; }
.subject { text-align: center; font-weight: 700; margin: 0; }
.subject + .rule { width: 25%; margin-top: 3pt; }
.to { margin: 8pt 0 10pt; }
.to p { text-align: center; text-indent: 0; }
.to span { display: block; }
h2 { font-size: 14pt; margin: 10pt 0 4pt; }
p { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
table.grid { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 4pt 0 8pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.grid th { font-weight: 700; text-align: center; }
figure.chart { margin: 4pt 0 10pt; break-inside: avoid; }
figure.chart figcaption { font-style: italic; font-size: 12pt; margin-bottom: 2pt; }
figure.chart text { font-family: 'Times New Roman', 'Tinos', serif; }
.end { display: grid; grid-template-columns: 50% 50%; margin-top: 12pt; break-inside: avoid; }
.recipients p { text-indent: 0; margin: 0; font-size: 11pt; text-align: left; }
.recipients .label { font-weight: 700; font-style: italic; font-size: 12pt; }
.sign { text-align: center; font-weight: 700; }
.sign p { text-indent: 0; margin: 0; text-align: center; }
.sign .name { margin-top: 60pt; }
</style>
</head>
<body>
<div class="head">
  <div><p>${esc(doc.parentBody)}</p><p class="agency">${esc(doc.agency)}</p><div class="rule"></div><p>${esc(doc.number)}</p></div>
  <div><p class="motto-1">${esc(doc.motto[0])}</p><p class="motto-2">${esc(doc.motto[1])}</p><p class="date">${esc(doc.placeDate)}</p></div>
</div>
<h1>${esc(doc.title)}</h1>
<p class="subject">${esc(doc.subject)}</p>
<div class="rule"></div>
<div class="to"><p>Kính gửi:${doc.addressees.map((a) => `<span>${esc(a)}</span>`).join('')}</p></div>
${doc.body.map(block).join('\n')}
<p>${esc(doc.closing)}</p>
<div class="end">
  <div class="recipients"><p class="label">Nơi nhận:</p>${doc.recipients.map((r) => `<p>${esc(r)}</p>`).join('')}</div>
  <div class="sign"><p>${esc(doc.signer.authority)}</p><p>${esc(doc.signer.title)}</p><p class="name">${esc(doc.signer.name)}</p></div>
</div>
</body>
</html>
`;
}
