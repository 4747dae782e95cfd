import { localMoment } from '../../contract/format.js';
import type { NoticeTexts, NoticeView } from '../../contract/logbook.js';

/** "08:30 ngày 23/11/2026" in the center's time zone. */
function when(iso: string, timeZone: string): string {
  const { clock, date } = localMoment(iso, timeZone);
  return `${clock} ngày ${date}`;
}

const period = (n: NoticeView, timeZone: string) =>
  n.endsAt
    ? `từ ${when(n.startsAt, timeZone)} đến ${when(n.endsAt, timeZone)}`
    : `từ ${when(n.startsAt, timeZone)}`;

const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * The facts of a notice worded for each channel plan 2.9 names: the commune loudspeaker is
 * read aloud, formal and said twice; Zalo is short; Facebook is a public post with a heading.
 */
export function noticeTexts(n: NoticeView, center: { name: string; timezone: string }): NoticeTexts {
  const text = sentence(n.text.trim());
  const urgent = n.level === 'urgent';
  const loudspeaker = [
    urgent ? 'Thông báo khẩn! Thông báo khẩn!' : 'Thông báo! Thông báo!',
    `${center.name} trân trọng thông báo: ${text}`,
    `Thời gian áp dụng: ${period(n, center.timezone)}.`,
    'Đề nghị bà con nhân dân và các doanh nghiệp chú ý theo dõi.',
    'Xin trân trọng thông báo!',
  ].join(' ');
  const bare = n.text.trim().replace(/\.+$/, '');
  const zalo = `${urgent ? '[KHẨN] ' : ''}${center.name}: ${bare} (${period(n, center.timezone)}). Cần hỗ trợ, xin liên hệ Bộ phận Một cửa.`;
  const facebook = [
    urgent ? 'THÔNG BÁO KHẨN' : 'THÔNG BÁO',
    center.name.toUpperCase(),
    '',
    text,
    '',
    `Thời gian áp dụng: ${period(n, center.timezone)}.`,
    '',
    'Trung tâm mong nhận được sự thông cảm của người dân và doanh nghiệp. Mọi thắc mắc xin liên hệ trực tiếp Bộ phận Một cửa của Trung tâm.',
  ].join('\n');
  return { loudspeaker, zalo, facebook };
}
