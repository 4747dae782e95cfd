import { describe, expect, it } from 'vitest';
import { renderJob } from '../../server/printing/raster.js';
import { slowLinkWarning } from '../../server/printing/status-view.js';
import { type TicketPrint, ticketBlocks } from '../../server/printing/ticket-layout.js';
import { readJob } from '../helpers/escpos-reader.js';
import { ocr } from '../helpers/ocr.js';
import { dotsDiffering, pngDots } from '../helpers/png.js';

const ticket = (over: Partial<TicketPrint> = {}): TicketPrint => ({
  centerName: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ',
  serviceName: 'Hộ tịch',
  number: 'B014',
  priority: true,
  fallback: true,
  waitingBefore: 12,
  issuedAt: Date.parse('2026-11-22T02:41:00Z'),
  timezone: 'Asia/Ho_Chi_Minh',
  reprint: false,
  ...over,
});

describe('ticket rendering', () => {
  for (const width of [576, 384]) {
    it(`the PNG preview is the raster sent, dot for dot (${width} dots)`, async () => {
      const rendered = renderJob({ kind: 'ticket', ticket: ticket(), width });
      const sent = readJob(rendered.bytes).image;
      const preview = await pngDots(rendered.png);
      expect([sent.width, sent.height]).toEqual([width, rendered.height]);
      expect(dotsDiffering(sent, preview)).toBe(0);
      // Not a blank page: the number alone blackens a good share of the dots.
      expect(sent.dots.reduce((n, d) => n + d, 0)).toBeGreaterThan(width * 40);
    });
  }

  for (const width of [576, 384]) {
    it(`a receipt's QR code is in the dots sent, and a scanner reads its code (${width} dots)`, async () => {
      const rendered = renderJob({
        kind: 'receipt',
        width,
        receipt: {
          agency: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ',
          code: 'TS-261123-0007',
          applicant: 'Lê Văn Thành',
          phone: null,
          procedure: 'Chứng thực hợp đồng, giao dịch',
          documents: [{ name: 'Hợp đồng', copies: 1, original: true }],
          sets: 1,
          processingDays: 2,
          receivedAt: Date.parse('2026-11-23T02:41:00Z'),
          appointmentAt: Date.parse('2026-11-25T02:41:00Z'),
          returnMethod: 'counter',
          reason: 'phần mềm một cửa không hoạt động',
          staff: 'Nguyễn Thị Lan',
          timezone: 'Asia/Ho_Chi_Minh',
          reprint: false,
        },
      });
      const sent = readJob(rendered.bytes);
      expect(sent.qr).toBe('TS-261123-0007');
      expect(dotsDiffering(sent.image, await pngDots(rendered.png))).toBe(0);
    });
  }

  it('stays under 3 s on a 115200 baud serial line at 80 mm', () => {
    const rendered = renderJob({
      kind: 'ticket',
      ticket: ticket({ centerName: 'Trung tâm Phục vụ hành chính công' }),
      width: 576,
    });
    expect(slowLinkWarning(rendered.bytes.length, 115_200)).toBeNull();
    expect(slowLinkWarning(rendered.bytes.length, 9600)).toMatch(/giây ở 9600 baud/);
  });

  it('marks fallback, priority and reprints only when they apply', () => {
    const texts = (t: TicketPrint) => ticketBlocks(t).map((b) => b.text);
    expect(texts(ticket())).toContain('ƯU TIÊN · SỐ DỰ PHÒNG');
    expect(texts(ticket())).toContain('22/11/2026 · 09:41');
    expect(texts(ticket({ priority: false, fallback: false })).join('|')).not.toMatch(
      /ƯU TIÊN|DỰ PHÒNG|in lại/,
    );
    expect(texts(ticket({ reprint: true }))).toContain('Bản in lại / Reprint');
    expect(texts(ticket({ waitingBefore: 0 }))).toContain('Không có ai chờ trước quý khách');
  });

  it('reads back every diacritic through Vietnamese OCR, at 80 and 58 mm', async () => {
    const cases = [576, 384].flatMap((width) =>
      ['Hộ tịch', 'Chứng thực', 'Đất đai'].map((serviceName) => ({ width, serviceName })),
    );
    const texts = await Promise.all(
      cases.map(({ width, serviceName }, i) =>
        ocr(
          renderJob({ kind: 'ticket', ticket: ticket({ serviceName }), width }).png,
          `ticket-${width}-${i}.png`,
        ),
      ),
    );
    cases.forEach(({ width, serviceName }, i) => {
      const text = texts[i] as string;
      for (const phrase of [
        `lĩnh vực ${serviceName.toLowerCase()}`,
        'ưu tiên',
        'số dự phòng',
        'trước quý khách còn 12 người chờ',
        '22/11/2026',
        '09:41',
        'mời công dân ngồi chờ gọi số.',
        'cảm ơn quý khách!',
      ]) {
        expect(text, `${width} dots, ${serviceName}: ${text}`).toContain(phrase);
      }
    });
  });
});
