import { describe, expect, it } from 'vitest';
import { noticeTexts } from '../../server/notices/texts.js';

const center = { name: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ', timezone: 'Asia/Ho_Chi_Minh' };
const notice = {
  id: 1,
  text: 'Tạm dừng tiếp nhận hồ sơ đất đai do mất kết nối phần mềm',
  level: 'warning' as const,
  startsAt: '2026-11-23T01:30:00.000Z',
  endsAt: '2026-11-23T10:00:00.000Z',
};

describe('a notice worded for each channel', () => {
  it('gives the period in the center’s time, and each channel its own register', () => {
    const t = noticeTexts(notice, center);
    expect(t.loudspeaker).toBe(
      'Thông báo! Thông báo! Trung tâm Phục vụ hành chính công xã Tân Kỳ trân trọng thông báo: ' +
        'Tạm dừng tiếp nhận hồ sơ đất đai do mất kết nối phần mềm. ' +
        'Thời gian áp dụng: từ 08:30 ngày 23/11/2026 đến 17:00 ngày 23/11/2026. ' +
        'Đề nghị bà con nhân dân và các doanh nghiệp chú ý theo dõi. Xin trân trọng thông báo!',
    );
    expect(t.zalo).toBe(
      'Trung tâm Phục vụ hành chính công xã Tân Kỳ: Tạm dừng tiếp nhận hồ sơ đất đai do mất kết nối phần mềm ' +
        '(từ 08:30 ngày 23/11/2026 đến 17:00 ngày 23/11/2026). Cần hỗ trợ, xin liên hệ Bộ phận Một cửa.',
    );
    expect(t.facebook.split('\n').slice(0, 4)).toEqual([
      'THÔNG BÁO',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN KỲ',
      '',
      'Tạm dừng tiếp nhận hồ sơ đất đai do mất kết nối phần mềm.',
    ]);
  });

  it('marks an urgent one as such, and one with no end from its start only', () => {
    const t = noticeTexts(
      { ...notice, level: 'urgent', endsAt: null, text: 'Mất điện toàn Trung tâm!' },
      center,
    );
    expect(t.loudspeaker).toMatch(/^Thông báo khẩn! Thông báo khẩn!/);
    expect(t.loudspeaker).toContain('Mất điện toàn Trung tâm! Thời gian áp dụng: từ 08:30 ngày 23/11/2026.');
    expect(t.zalo).toMatch(/^\[KHẨN\] /);
    expect(t.facebook).toMatch(/^THÔNG BÁO KHẨN\n/);
  });
});
