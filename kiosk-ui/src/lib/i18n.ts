import type { FailoverState, TicketStatus } from '../../../contract/screen.js';

/**
 * The words of every page, Vietnamese first and English second, in one table: a word the pages
 * share is written once, and each English table must hold every key its Vietnamese one has.
 */
export type Lang = 'vi' | 'en';

/** What the language button says: the other language, in its own words. */
export const otherLanguage: Record<Lang, string> = { vi: 'English', en: 'Tiếng Việt' };
export const flip = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/** A service's name in the page's language. */
export const nameIn = (lang: Lang, s: { name: string; nameEn: string } | undefined): string =>
  (lang === 'vi' ? s?.name : s?.nameEn) ?? '';

type Words<T extends Record<string, unknown>> = { vi: T; en: { [K in keyof T]: T[K] } };
const words = <T extends Record<string, unknown>>(w: Words<T>) => w;

export const failoverStates = words<Record<FailoverState, string>>({
  vi: {
    standalone: 'Độc lập: Tiếp Sức là hệ thống lấy số',
    standby: 'Chờ: hệ thống chính (QMS) đang phục vụ',
    suspect: 'Nghi ngờ: QMS không trả lời, đang kiểm tra',
    active: 'Dự phòng: Tiếp Sức đang cấp số',
    draining: 'Bàn giao: QMS đã trở lại, đang gọi nốt số dự phòng',
  },
  en: {
    standalone: 'Standalone: Tiếp Sức is the queue system',
    standby: 'Standby: the main system (QMS) is serving',
    suspect: 'Suspect: QMS is not answering, checking',
    active: 'Fallback: Tiếp Sức is issuing numbers',
    draining: 'Handover: QMS is back, calling the last fallback numbers',
  },
});

export const ticketStatuses = words<Record<TicketStatus, string>>({
  vi: {
    waiting: 'Đang chờ',
    called: 'Đã gọi',
    serving: 'Đang phục vụ',
    done: 'Đã xong',
    no_show: 'Vắng mặt',
    transferred: 'Đã chuyển',
  },
  en: {
    waiting: 'Waiting',
    called: 'Called',
    serving: 'Being served',
    done: 'Done',
    no_show: 'Absent',
    transferred: 'Transferred',
  },
});

/** Words every staff page uses. */
export const common = words({
  vi: {
    signOut: 'Đăng xuất',
    minutes: 'phút',
    counter: 'Quầy',
    service: 'Lĩnh vực',
    staff: 'Cán bộ',
    total: 'Tổng cộng',
    sessionEnded: 'Phiên làm việc đã kết thúc; vui lòng đăng nhập lại.',
  },
  en: {
    signOut: 'Sign out',
    minutes: 'min',
    counter: 'Counter',
    service: 'Service',
    staff: 'Staff',
    total: 'Total',
    sessionEnded: 'Your session has ended; please sign in again.',
  },
});

/** The leader's page. */
export const leader = words({
  vi: {
    title: 'Tiếp Sức · Số liệu tiếp dân',
    onlyLeaders: 'Trang số liệu dành cho lãnh đạo và cán bộ CNTT.',
    today: 'Hôm nay',
    range: 'Theo khoảng ngày',
    waitingNow: 'Đang chờ',
    longestNow: 'chờ lâu nhất hiện tại',
    served: 'Đã phục vụ',
    noShows: 'Vắng mặt',
    transferred: 'Chuyển quầy',
    open: 'Chưa xong',
    visits: 'Lượt',
    meanWait: 'Chờ trung bình',
    maxWait: 'Chờ lâu nhất',
    meanServe: 'Phục vụ trung bình',
    fallback: 'Chế độ dự phòng',
    from: 'Từ ngày',
    to: 'Đến ngày',
    show: 'Xem',
    export: 'Tải Excel (XLSX)',
    perDay: 'Lượt theo ngày',
    perHour: 'Lượt theo giờ lấy số (giờ cao điểm)',
    waitPerService: 'Thời gian chờ theo lĩnh vực (phút)',
    byService: 'Theo lĩnh vực',
    byCounter: 'Theo quầy',
    byStaff: 'Theo cán bộ',
    hour: 'Khung giờ',
    nothing: 'Chưa có lượt nào trong khoảng này.',
    updated: 'Cập nhật lúc',
  },
  en: {
    title: 'Tiếp Sức · Service figures',
    onlyLeaders: 'The figures are for leaders and IT staff.',
    today: 'Today',
    range: 'Range of days',
    waitingNow: 'Waiting now',
    longestNow: 'longest waiting now',
    served: 'Served',
    noShows: 'Absent',
    transferred: 'Transferred',
    open: 'Unfinished',
    visits: 'Visits',
    meanWait: 'Mean wait',
    maxWait: 'Longest wait',
    meanServe: 'Mean service',
    fallback: 'Fallback mode',
    from: 'From',
    to: 'To',
    show: 'Show',
    export: 'Download Excel (XLSX)',
    perDay: 'Visits per day',
    perHour: 'Visits by hour of arrival (peak hours)',
    waitPerService: 'Wait per service (minutes)',
    byService: 'By service',
    byCounter: 'By counter',
    byStaff: 'By staff member',
    hour: 'Hour',
    nothing: 'No visits in this range yet.',
    updated: 'Updated at',
  },
});
