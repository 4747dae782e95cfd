import type { IncidentGroup, IncidentType, Phone } from '../../contract/logbook.js';

/**
 * The center's contingency plan (kế hoạch dự phòng), section II, as data: for each incident
 * type its symptoms, the steps to take and who is responsible, in the plan's own words. These
 * are the first version of each playbook; a technician edits them from the log book.
 */
export interface PlanPlaybook {
  type: IncidentType;
  title: string;
  group: IncidentGroup;
  symptoms: string;
  steps: string[];
  responsible: string;
  /** Keys of PLAN_CONTACTS to call for this type. */
  contacts: string[];
}

export const PLAN_PLAYBOOKS: readonly PlanPlaybook[] = [
  {
    type: '2.1',
    title: 'Máy in hết giấy, hết mực',
    group: 'simple',
    symptoms:
      'Không in được, báo lỗi "hết giấy"; báo lỗi phần mềm, nghẽn giấy, in sai lệch các trang giấy; in mờ.',
    steps: [
      'Kiểm tra khay giấy của máy in.',
      'Thêm giấy in đúng loại, kích cỡ.',
      'Khởi động lại lệnh in nếu cần.',
      'Đổ mực.',
    ],
    responsible:
      'Cán bộ tiếp nhận hoặc cán bộ CNTT phụ trách hỗ trợ tại xã và các doanh nghiệp hoạt động kinh doanh lĩnh vực CNTT.',
    contacts: [],
  },
  {
    type: '2.2',
    title: 'Lỗi đăng nhập tài khoản',
    group: 'simple',
    symptoms:
      'Không vào được hệ thống do sai mật khẩu hoặc tài khoản bị khóa; cán bộ không nhớ tài khoản đăng nhập.',
    steps: [
      'Kiểm tra lại tên đăng nhập và mật khẩu.',
      'Sử dụng chức năng "Quên mật khẩu" nếu có.',
      'Liên hệ quản trị viên để mở khóa hoặc cấp lại tài khoản.',
    ],
    responsible: 'Cán bộ tiếp nhận hoặc hỗ trợ kỹ thuật VNPT tỉnh Nghệ An.',
    contacts: ['vnpt'],
  },
  {
    type: '2.3',
    title: 'Mất mạng Internet',
    group: 'complex',
    symptoms: 'Không truy cập được các hệ thống trực tuyến.',
    steps: [
      'Kiểm tra modem/router; đèn tín hiệu, kết nối.',
      'Khởi động lại thiết bị mạng.',
      'Nếu không khắc phục được: liên hệ nhà cung cấp dịch vụ Internet (VNPT, Viettel…).',
      'Thông báo sự cố với Trung tâm Phục vụ hành chính công tỉnh.',
      'Ghi nhận hồ sơ bằng giấy tờ tạm thời nếu cần thiết.',
    ],
    responsible:
      'Cán bộ CNTT của xã; hỗ trợ từ Sở Khoa học và Công nghệ, nhân viên VNPT Nghệ An và các kỹ thuật viên Trung tâm Phục vụ hành chính công tỉnh nếu kéo dài.',
    contacts: ['vnpt', 'viettel', 'tthcc-tinh', 'so-khcn'],
  },
  {
    type: '2.4',
    title: 'Sập hệ thống phần mềm',
    group: 'complex',
    symptoms: 'Không truy cập được phần mềm xử lý hồ sơ.',
    steps: [
      'Ghi nhận thời điểm xảy ra và biểu hiện lỗi.',
      'Kiểm tra kết nối Internet và thiết bị.',
      'Thông báo ngay cho đơn vị quản lý phần mềm (Sở KH&CN, VP.UBND tỉnh, Trung tâm Phục vụ hành chính công tỉnh).',
      'Tạm ghi nhận hồ sơ thủ công, cập nhật lại sau khi hệ thống hoạt động trở lại.',
    ],
    responsible: 'Cán bộ phụ trách tiếp nhận, liên hệ kỹ thuật hỗ trợ phần mềm VNPT, Trung tâm HCC cấp tỉnh.',
    contacts: ['so-khcn', 'tthcc-tinh', 'vnpt'],
  },
  {
    type: '2.5',
    title: 'Lỗi kết nối cơ sở dữ liệu quốc gia, chuyên ngành',
    group: 'complex',
    symptoms: 'Không tra cứu được thông tin từ CSDL dân cư, hộ tịch, đất đai…',
    steps: [
      'Xác định rõ loại CSDL đang bị lỗi.',
      'Kiểm tra tình trạng kết nối hệ thống (mạng ổn định, tài khoản có quyền truy cập).',
      'Thông báo cho đầu mối kỹ thuật cấp tỉnh để được hỗ trợ.',
      'Ghi nhận thông tin hồ sơ, hẹn công dân, doanh nghiệp quay lại khi có kết quả tra cứu.',
    ],
    responsible: 'Cán bộ chuyên môn phối hợp với đầu mối kỹ thuật (Sở ngành liên quan).',
    contacts: ['tthcc-tinh', 'so-khcn'],
  },
  {
    type: '2.6',
    title: 'Sự cố lỗi các phần mềm Chứng thư số chuyên dụng',
    group: 'complex',
    symptoms:
      'Chứng thư số (USB bị hỏng, không hiển thị thông tin); phần mềm cài đặt bị lỗi gây khó khăn trong quá trình ký số và phát hành văn bản.',
    steps: [
      'Cấp mới Chứng thư số (USB) cho cán bộ, lãnh đạo theo quy định của Ban Cơ yếu Chính phủ.',
      'Liên hệ với Trung tâm CNTT Sở Khoa học và Công nghệ tỉnh để được hỗ trợ.',
    ],
    responsible: 'Cán bộ CNTT của xã; Trung tâm CNTT Sở Khoa học và Công nghệ tỉnh.',
    contacts: ['so-khcn'],
  },
  {
    type: '2.7',
    title: 'Sự cố mất điện',
    group: 'complex',
    symptoms: 'Mất điện lưới; thiết bị tắt hoặc chạy bằng nguồn dự phòng.',
    steps: [
      'Liên hệ với Chi nhánh điện lực phụ trách khu vực để được sửa chữa kịp thời.',
      'Chạy máy nổ tại Trung tâm Phục vụ hành chính công để hoạt động thông suốt.',
    ],
    responsible: 'Cán bộ CNTT của xã; Chi nhánh điện lực phụ trách khu vực.',
    contacts: ['dien-luc'],
  },
  {
    type: '2.8',
    title: 'Lỗi hệ thống bấm số xếp hàng tự động QMS 1.2',
    group: 'complex',
    symptoms: 'Máy lấy số, màn hình gọi số của hệ thống QMS 1.2 không hoạt động.',
    steps: [
      'Dùng máy lấy số dự phòng (Tiếp Sức) để cấp số cho công dân.',
      'Liên hệ với nhà cung cấp dịch vụ, nhân viên kỹ thuật VNPT tỉnh để hỗ trợ kịp thời.',
    ],
    responsible: 'Cán bộ CNTT của xã; nhà cung cấp dịch vụ, nhân viên kỹ thuật VNPT tỉnh.',
    contacts: ['vnpt'],
  },
  {
    type: '2.9',
    title: 'Thiên tai, bão lụt, hoả hoạn',
    group: 'complex',
    symptoms: 'Thiên tai, bão lụt, hoả hoạn hoặc sự cố khác ảnh hưởng đến hoạt động của Trung tâm.',
    steps: [
      'Thành lập Ban chỉ đạo, Ban ứng cứu phối hợp với các phòng, ngành liên quan.',
      'Báo cáo cấp trên để có hướng xử lý.',
      'Thông báo khẩn trên Đài truyền thanh xã, Zalo, Facebook cho người dân và doanh nghiệp biết.',
    ],
    responsible: 'Lãnh đạo Trung tâm; Ban chỉ đạo, Ban ứng cứu của xã.',
    contacts: ['ubnd-xa', 'tthcc-tinh'],
  },
  {
    type: 'khac',
    title: 'Sự cố khác',
    group: 'complex',
    symptoms: 'Sự cố không thuộc các loại trên.',
    steps: [
      'Tiếp nhận sự cố và báo ngay cho cán bộ phụ trách kỹ thuật hoặc lãnh đạo Trung tâm.',
      'Xử lý tại chỗ nếu là sự cố đơn giản.',
      'Chuyển tuyến tới đơn vị quản lý, nhà cung cấp dịch vụ hoặc bộ phận kỹ thuật liên quan nếu phức tạp.',
      'Tạm thời tiếp nhận hồ sơ thủ công nếu sự cố kéo dài.',
    ],
    responsible: 'Chuyên viên phát hiện sự cố; cán bộ phụ trách kỹ thuật; lãnh đạo Trung tâm.',
    contacts: [],
  },
];

export interface PlanContact {
  key: string;
  name: string;
  unit: string;
  role: string;
  phones: Phone[];
  note: string;
}

/**
 * Whom the plan says to call. Only operators' national hotlines are filled in, to be checked;
 * provincial and commune numbers differ per center and are left for the technician to fill.
 */
export const PLAN_CONTACTS: readonly PlanContact[] = [
  {
    key: 'vnpt',
    name: 'Hỗ trợ kỹ thuật VNPT',
    unit: 'VNPT Nghệ An',
    role: 'Internet, QMS 1.2, phần mềm một cửa, tài khoản',
    phones: [{ label: 'Tổng đài VNPT', number: '18001166' }],
    note: 'Thêm số của kỹ thuật viên VNPT phụ trách xã; kiểm tra lại số tổng đài.',
  },
  {
    key: 'viettel',
    name: 'Chăm sóc khách hàng Viettel',
    unit: 'Viettel Nghệ An',
    role: 'Đường truyền Internet dự phòng',
    phones: [],
    note: 'Cần cập nhật số tổng đài Internet và kỹ thuật viên phụ trách.',
  },
  {
    key: 'so-khcn',
    name: 'Trung tâm CNTT',
    unit: 'Sở Khoa học và Công nghệ tỉnh Nghệ An',
    role: 'Chứng thư số, phần mềm dùng chung của tỉnh',
    phones: [],
    note: 'Cần cập nhật số điện thoại.',
  },
  {
    key: 'tthcc-tinh',
    name: 'Bộ phận kỹ thuật',
    unit: 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An',
    role: 'Báo cáo sự cố; hỗ trợ phần mềm một cửa',
    phones: [],
    note: 'Cần cập nhật số điện thoại.',
  },
  {
    key: 'dien-luc',
    name: 'Chăm sóc khách hàng điện lực',
    unit: 'Chi nhánh điện lực phụ trách khu vực (EVNNPC)',
    role: 'Mất điện, sửa chữa lưới điện',
    phones: [{ label: 'Tổng đài EVNNPC', number: '19006769' }],
    note: 'Thêm số của chi nhánh điện lực khu vực; kiểm tra lại số tổng đài.',
  },
  {
    key: 'ubnd-xa',
    name: 'Văn phòng',
    unit: 'UBND xã',
    role: 'Báo cáo sự cố; Ban chỉ đạo ứng phó thiên tai',
    phones: [],
    note: 'Cần cập nhật số điện thoại.',
  },
];
