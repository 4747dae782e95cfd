import { REASON_NAMES, SCORE_NAMES } from '../../../contract/ratings.js';
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

/** A figure as the page's language writes it (0,5 or 0.5); a dash when there is none. */
export const figure = (lang: Lang, x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

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
export const leaderPage = words({
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
    rated: 'Lượt đánh giá',
    satisfaction: 'Tỷ lệ hài lòng',
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
    byMonth: 'Theo tháng',
    month: 'Tháng',
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
    rated: 'Ratings',
    satisfaction: 'Satisfaction rate',
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
    byMonth: 'By month',
    month: 'Month',
    hour: 'Hour',
    nothing: 'No visits in this range yet.',
    updated: 'Updated at',
  },
});

/** The kiosk page. */
export const kioskPage = words({
  vi: {
    choose: 'Mời chọn lĩnh vực',
    chooseHint: 'Chạm vào lĩnh vực cần giải quyết để lấy số thứ tự',
    priority: 'Ưu tiên',
    priorityHint: 'Người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công với cách mạng',
    priorityOn: 'Ưu tiên: đã bật (chạm để tắt)',
    priorityTicket: 'Số ưu tiên',
    yourNumber: 'Số thứ tự của bạn',
    waitingBefore: (n: number, open: number) =>
      open === 0
        ? 'Các quầy của lĩnh vực này đang đóng hoặc tạm dừng. Số của bạn vẫn được giữ; xin chờ cán bộ mở quầy.'
        : n === 0
          ? 'Không có ai chờ trước bạn'
          : `Có ${n} người đang chờ trước bạn`,
    goTo: (counters: number[]) => `Khi được gọi, mời đến quầy ${counters.join(', ')}`,
    counters: (counters: number[]) => `Quầy ${counters.join(', ')}`,
    countersClosed: 'Quầy đang đóng',
    printerBefore:
      'Máy in vé đang hết giấy hoặc gặp sự cố: bạn vẫn lấy được số, số sẽ hiện trên màn hình để ghi lại.',
    offlineTitle: 'Máy lấy số tạm thời mất kết nối',
    offlineText: 'Xin mời quý khách đến quầy hỏi cán bộ để được hướng dẫn.',
    notIssued: 'Chưa lấy được số vì mất kết nối. Xin mời quý khách hỏi cán bộ tại quầy.',
    issuedAt: 'Giờ lấy số',
    takeTicket: 'Mời nhận vé in bên dưới',
    printing: 'Đang in vé…',
    printerTrouble: 'Máy in đang gặp sự cố: xin ghi nhớ số thứ tự của bạn',
    remember: 'Xin ghi nhớ số thứ tự của bạn',
    done: 'Xong',
    back: (s: number) => `Tự quay lại sau ${s} giây`,
    standbyTitle: 'Vui lòng lấy số tại máy lấy số chính',
    standbyText: 'Hệ thống lấy số chính đang hoạt động bình thường.',
    reconnecting: 'Đang kết nối lại với máy chủ…',
    pending: 'Đang lấy số…',
    fallback: 'Số dự phòng',
    scan: 'Quét mã để theo dõi lượt của bạn trên điện thoại (Wi-Fi của Trung tâm)',
  },
  en: {
    choose: 'Please choose a service',
    chooseHint: 'Touch the service you need to get a queue number',
    priority: 'Priority',
    priorityHint: 'Elderly, people with disabilities, pregnant women, people with merit to the revolution',
    priorityOn: 'Priority: on (touch to turn off)',
    priorityTicket: 'Priority number',
    yourNumber: 'Your number',
    waitingBefore: (n: number, open: number) =>
      open === 0
        ? 'The counters for this service are closed or paused. Your number is kept; please wait for staff to open one.'
        : n === 0
          ? 'Nobody is waiting before you'
          : `${n} waiting before you`,
    goTo: (counters: number[]) => `When called, go to counter ${counters.join(', ')}`,
    counters: (counters: number[]) => `Counter ${counters.join(', ')}`,
    countersClosed: 'Counters closed',
    printerBefore:
      'The ticket printer is out of paper or has a fault: you can still take a number; it shows on screen to note down.',
    offlineTitle: 'The ticket machine has lost its connection',
    offlineText: 'Please ask the staff at a counter for help.',
    notIssued: 'No number was issued: the connection is lost. Please ask the staff at a counter.',
    issuedAt: 'Issued at',
    takeTicket: 'Please take your printed ticket below',
    printing: 'Printing your ticket…',
    printerTrouble: 'The printer has a problem: please remember your number',
    remember: 'Please remember your number',
    done: 'Done',
    back: (s: number) => `Back to start in ${s} s`,
    standbyTitle: 'Please use the main ticket machine',
    standbyText: 'The main queue system is working normally.',
    reconnecting: 'Reconnecting to the server…',
    pending: 'Getting your number…',
    fallback: 'Fallback ticket',
    scan: "Scan to follow your turn on your phone (the center's Wi-Fi)",
  },
});

/** The counter page. */
export const counterPage = words({
  vi: {
    title: 'Quầy tiếp nhận',
    username: 'Tên đăng nhập',
    pin: 'Mã PIN / mật khẩu',
    counter: 'Quầy làm việc',
    login: 'Đăng nhập',
    logout: 'Đăng xuất',
    current: 'Đang phục vụ',
    none: 'Chưa gọi số nào',
    status: { called: 'Đã gọi, chờ công dân đến', serving: 'Đang giải quyết' } as Record<string, string>,
    next: 'Gọi số tiếp theo',
    recall: 'Gọi lại',
    start: 'Bắt đầu',
    done: 'Xong',
    noShow: 'Vắng mặt',
    transfer: 'Chuyển',
    call: 'Gọi số khác',
    pause: 'Tạm dừng',
    resume: 'Tiếp tục',
    waiting: 'Đang chờ',
    waitingList: 'Số đang chờ',
    nobody: 'Không còn ai chờ',
    served: 'Đã phục vụ hôm nay',
    mean: 'Thời gian trung bình',
    minutes: 'phút',
    toService: 'Chuyển sang lĩnh vực',
    toCounter: 'hoặc sang quầy',
    numberLabel: 'Số thứ tự (số của hệ thống chính, ví dụ 1005, hoặc số dự phòng như A012)',
    callIt: 'Gọi số này',
    reason: 'Lý do tạm dừng',
    reasons: ['Nghỉ giải lao', 'Nghỉ trưa', 'Họp', 'Sự cố máy tính', 'Mất điện, mất mạng'],
    other: 'Lý do khác',
    confirm: 'Xác nhận',
    cancel: 'Hủy (Esc)',
    paused: 'Quầy đang tạm dừng',
    nobodyWaiting: 'Không còn ai đang chờ.',
    offlineRefused: 'Mất kết nối với máy chủ: thao tác CHƯA được thực hiện. Bấm lại khi có kết nối.',
    unanswered:
      'Máy chủ không trả lời; chưa rõ thao tác đã được ghi nhận chưa. Màn hình sẽ hiện đúng khi có kết nối lại.',
    priority: 'ưu tiên',
    takeOver: 'Nhận quầy này',
    otherCounter: 'Chọn quầy khác',
    takenBy: (counter: string, who: string) =>
      `${counter} đã được ${who} nhận; bạn không còn làm việc ở quầy này.`,
    someone: 'cán bộ khác',
    report: 'Báo sự cố',
    intake: 'Tiếp nhận hồ sơ',
    worklist: 'Hồ sơ chờ nhập',
  },
  en: {
    title: 'Counter',
    username: 'Username',
    pin: 'PIN / password',
    counter: 'Counter',
    login: 'Log in',
    logout: 'Log out',
    current: 'Now serving',
    none: 'No number called yet',
    status: { called: 'Called, waiting for the citizen', serving: 'Being served' } as Record<string, string>,
    next: 'Call next',
    recall: 'Recall',
    start: 'Start',
    done: 'Done',
    noShow: 'No-show',
    transfer: 'Transfer',
    call: 'Call a number',
    pause: 'Pause',
    resume: 'Resume',
    waiting: 'Waiting',
    waitingList: 'Waiting numbers',
    nobody: 'Nobody is waiting',
    served: 'Served today',
    mean: 'Mean time',
    minutes: 'min',
    toService: 'Transfer to service',
    toCounter: 'or to counter',
    numberLabel: 'Number (main system number such as 1005, or a fallback number such as A012)',
    callIt: 'Call this number',
    reason: 'Reason for the pause',
    reasons: ['Short break', 'Lunch break', 'Meeting', 'Computer problem', 'Power or network cut'],
    other: 'Other reason',
    confirm: 'Confirm',
    cancel: 'Cancel (Esc)',
    paused: 'The counter is paused',
    nobodyWaiting: 'Nobody is waiting.',
    offlineRefused: 'No link to the server: NOT done. Press again once the link is back.',
    unanswered:
      'The server did not answer; it may or may not have done it. This screen shows the truth once the link is back.',
    priority: 'priority',
    takeOver: 'Take over this counter',
    otherCounter: 'Choose another counter',
    takenBy: (counter: string, who: string) =>
      `${counter} was taken over by ${who}; you no longer work at it.`,
    someone: 'another clerk',
    report: 'Report incident',
    intake: 'Paper intake',
    worklist: 'To re-enter',
  },
});

/** The live page of a ticket, opened on a citizen's phone from the QR. */
export const livePage = words({
  vi: {
    yourNumber: 'Số thứ tự của bạn',
    before: (n: number) => (n === 0 ? 'Bạn là người tiếp theo' : `Trước bạn còn ${n} người`),
    estimate: (min: number, max: number) =>
      min === 0 ? `Ước tính chờ dưới ${max} phút` : `Ước tính chờ khoảng ${min}–${max} phút`,
    noEstimate: 'Chưa đủ số liệu hôm nay để ước tính thời gian chờ',
    closed: 'Các quầy của lĩnh vực này đang đóng hoặc tạm dừng. Số của bạn vẫn được giữ.',
    called: (counter: number | null) =>
      counter === null ? 'Đến lượt bạn! Mời đến quầy' : `Đến lượt bạn! Mời đến Quầy ${counter}`,
    serving: (counter: number | null) =>
      counter === null ? 'Đang phục vụ' : `Đang phục vụ tại Quầy ${counter}`,
    done: 'Đã phục vụ xong. Cảm ơn bạn!',
    noShow: 'Bạn đã được gọi nhưng vắng mặt. Xin mời đến quầy hỏi cán bộ.',
    transferred: 'Số của bạn đã được chuyển. Xin hỏi cán bộ tại quầy.',
    alert: 'Bật rung và âm báo khi đến lượt',
    alertOn: 'Sẽ rung và báo âm khi đến lượt (giữ trang này mở)',
    updated: (time: string) => `Cập nhật lúc ${time}`,
    stale: (time: string) => `Mất kết nối Wi-Fi từ ${time}: thông tin có thể đã cũ, đang thử lại…`,
    notFoundTitle: 'Không tìm thấy số này',
    notFound:
      'Đường dẫn trên vé chỉ dùng được trong ngày lấy số. Nếu bạn vẫn đang chờ, xin theo dõi màn hình tại sảnh.',
    loading: 'Đang tải…',
  },
  en: {
    yourNumber: 'Your number',
    before: (n: number) => (n === 0 ? 'You are next' : `${n} waiting before you`),
    estimate: (min: number, max: number) =>
      min === 0 ? `Estimated wait under ${max} minutes` : `Estimated wait about ${min}–${max} minutes`,
    noEstimate: 'Not enough figures today to estimate the wait',
    closed: 'The counters for this service are closed or paused. Your number is kept.',
    called: (counter: number | null) =>
      counter === null ? 'Your turn! Please go to the counter' : `Your turn! Please go to counter ${counter}`,
    serving: (counter: number | null) =>
      counter === null ? 'Being served' : `Being served at counter ${counter}`,
    done: 'Served. Thank you!',
    noShow: 'You were called but not present. Please ask the staff at a counter.',
    transferred: 'Your number was transferred. Please ask the staff at a counter.',
    alert: 'Vibrate and beep when it is my turn',
    alertOn: 'Will vibrate and beep at your turn (keep this page open)',
    updated: (time: string) => `Updated at ${time}`,
    stale: (time: string) => `Wi-Fi lost since ${time}: this may be out of date, retrying…`,
    notFoundTitle: 'Number not found',
    notFound:
      'The link on a ticket works only on the day it was issued. If you are still waiting, please watch the hall screen.',
    loading: 'Loading…',
  },
});

/** The satisfaction tablet at a counter (đánh giá mức độ hài lòng). */
export const ratePage = words({
  vi: {
    title: 'Đánh giá mức độ hài lòng',
    signIn: 'Đăng nhập bằng tài khoản của cán bộ tại quầy này',
    noCounter: (n: number) => `Không có quầy số ${n}. Kiểm tra địa chỉ /rate/counter/số-quầy.`,
    counter: (n: number) => `Quầy ${n}`,
    serving: 'Đang phục vụ số',
    idle: 'Xin mời quý khách',
    ask: (number: string) => `Quý khách số ${number} hài lòng thế nào với việc giải quyết thủ tục hôm nay?`,
    // The words the reports print, so the tablet asks in exactly those.
    scores: SCORE_NAMES,
    reasonsTitle: 'Xin quý khách cho biết lý do (có thể chọn nhiều)',
    reasons: REASON_NAMES,
    comment: 'Ý kiến khác (không bắt buộc)',
    send: 'Gửi đánh giá',
    thanks: 'Cảm ơn quý khách đã đánh giá!',
    thanksNote: 'Ý kiến của quý khách giúp Trung tâm phục vụ tốt hơn.',
    signOut: 'Đăng xuất',
  },
  en: {
    title: 'How satisfied are you?',
    signIn: "Sign in with the account of this counter's clerk",
    noCounter: (n: number) => `There is no counter ${n}. Check the address /rate/counter/NUMBER.`,
    counter: (n: number) => `Counter ${n}`,
    serving: 'Now serving',
    idle: 'Welcome',
    ask: (number: string) => `Number ${number}, how satisfied are you with today's service?`,
    scores: { 4: 'Very satisfied', 3: 'Satisfied', 2: 'Neutral', 1: 'Dissatisfied' },
    reasonsTitle: 'Please tell us why (choose any)',
    reasons: {
      wait: 'Waited too long',
      attitude: "Staff's attitude",
      guidance: 'Unclear guidance',
      paperwork: 'Asked for more papers several times',
      facilities: 'Poor facilities',
      other: 'Other reason',
    },
    comment: 'Anything else (optional)',
    send: 'Send',
    thanks: 'Thank you for your rating!',
    thanksNote: 'Your opinion helps the center serve you better.',
    signOut: 'Sign out',
  },
});
