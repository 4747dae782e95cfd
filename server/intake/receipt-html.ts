import { formalTime, vietnameseDate } from '../../contract/format.js';
import { esc, TINOS_FACES } from '../documents/html.js';
import { processingTime, RETURN_PLACES, type ReceiptPrint } from '../printing/receipt-layout.js';

type Receipt = ReceiptPrint & { book: number; bookLine: number; address: string | null };

const COPIES = ['Liên 1: Lưu tại Bộ phận Một cửa', 'Liên 2: Giao người nộp hồ sơ'];

function copy(
  r: Receipt,
  center: { name: string; parentBody: string; place: string },
  label: string,
): string {
  const dots = '…………………………';
  const docs = r.documents
    .map(
      (d, i) => `<li>${i + 1}) ${esc(d.name)}: ${d.original ? 'bản chính' : 'bản sao'}, ${d.copies} bản</li>`,
    )
    .join('');
  return `<section class="copy">
<div class="head">
  <div><p>${esc(center.parentBody.toUpperCase())}</p><p class="agency">${esc(center.name.toUpperCase())}</p><p class="agency">BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ</p><div class="rule"></div></div>
  <div><p class="motto-1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class="motto-2">Độc lập - Tự do - Hạnh phúc</p><p class="date">${esc(center.place)}, ${vietnameseDate(r.receivedAt, r.timezone)}</p></div>
</div>
<h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
<p class="code">Mã hồ sơ: <strong>${esc(r.code)}</strong></p>
<p class="copy-label">(${esc(label)})</p>
<p class="temporary">Hồ sơ đang tạm tiếp nhận trên giấy do sự cố: ${esc(r.reason)}. Bộ phận Một cửa sẽ cập nhật hồ sơ vào hệ thống và báo mã hồ sơ chính thức cho người nộp.</p>
<p>Bộ phận tiếp nhận và trả kết quả ${esc(center.name)}</p>
<p>Tiếp nhận hồ sơ của: <strong>${esc(r.applicant)}</strong></p>
<p>Địa chỉ: ${esc(r.address ?? dots)}</p>
<p>Số điện thoại: ${esc(r.phone ?? dots)}</p>
<p>Nội dung yêu cầu giải quyết: ${esc(r.procedure)}</p>
<ol class="items">
  <li>Thành phần hồ sơ nộp gồm:<ul>${docs}</ul></li>
  <li>Số lượng hồ sơ: ${r.sets} (bộ)</li>
  <li>Thời gian giải quyết hồ sơ theo quy định là: ${esc(processingTime(r.processingDays))}</li>
  <li>Thời gian nhận hồ sơ: ${formalTime(r.receivedAt, r.timezone)}</li>
  <li>Thời gian trả kết quả giải quyết hồ sơ: <strong>${formalTime(r.appointmentAt, r.timezone)}</strong></li>
  <li>Đăng ký nhận kết quả tại: ${esc(RETURN_PLACES[r.returnMethod])}</li>
</ol>
<p>Vào Sổ theo dõi hồ sơ, Quyển số: ${r.book} Số thứ tự: ${r.bookLine}</p>
<div class="sign">
  <div><p class="title">NGƯỜI NỘP HỒ SƠ</p><p class="hint">(Ký và ghi rõ họ tên)</p></div>
  <div><p class="title">NGƯỜI TIẾP NHẬN HỒ SƠ</p><p class="hint">(Ký và ghi rõ họ tên)</p><p class="name">${esc(r.staff)}</p></div>
</div>
</section>`;
}

/**
 * The receipt as the A4 form (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01 of Circular
 * 03/2025/TT-VPCP): two copies, one kept and one for the citizen, each on its own page, in
 * Times New Roman with the agency and the national motto at the head.
 */
export function receiptHtml(r: Receipt, center: { name: string; parentBody: string; place: string }): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Giấy tiếp nhận hồ sơ ${esc(r.code)}</title>
<style>
${TINOS_FACES}
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', 'Tinos', serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 165mm; margin: 12mm auto; }
@media print { body { margin: 0; max-width: none; } }
.copy + .copy { break-before: page; margin-top: 24pt; }
.head { display: grid; grid-template-columns: 46% 54%; text-align: center; font-size: 12pt; }
.head p { margin: 0; }
.agency { font-weight: 700; }
.rule { width: 30%; margin: 1pt auto 4pt; border-top: 1px solid #000; }
.motto-1 { font-weight: 700; }
.motto-2 { font-weight: 700; display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; font-size: 13pt; }
.date { font-style: italic; margin-top: 6pt !important; }
h1 { text-align: center; font-size: 14pt; margin: 16pt 0 2pt; }
.code, .copy-label { text-align: center; margin: 0; }
.copy-label { font-style: italic; }
.temporary { border: 1px solid #000; padding: 4pt 6pt; font-style: italic; margin: 8pt 0; }
p { margin: 0 0 4pt; }
.items { margin: 4pt 0 6pt; padding-left: 18pt; }
.items ul { list-style: none; padding-left: 12pt; margin: 2pt 0; }
.sign { display: grid; grid-template-columns: 50% 50%; text-align: center; margin-top: 10pt; break-inside: avoid; }
.sign p { margin: 0; }
.sign .title { font-weight: 700; }
.sign .hint { font-style: italic; }
.sign .name { margin-top: 56pt; font-weight: 700; }
</style>
</head>
<body>
${COPIES.map((label) => copy(r, center, label)).join('\n')}
</body>
</html>
`;
}
