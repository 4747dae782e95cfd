/**
 * A starting list of common commune procedures with their statutory processing times in
 * working days (0: within the day). It is a starting list: a technician edits it to match the
 * province's published set of administrative procedures.
 */
export const STARTING_PROCEDURES: readonly { name: string; field: string; processingDays: number }[] = [
  { name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: 0 },
  { name: 'Đăng ký khai tử', field: 'Hộ tịch', processingDays: 0 },
  { name: 'Đăng ký kết hôn', field: 'Hộ tịch', processingDays: 0 },
  { name: 'Cấp giấy xác nhận tình trạng hôn nhân', field: 'Hộ tịch', processingDays: 3 },
  { name: 'Cấp bản sao trích lục hộ tịch', field: 'Hộ tịch', processingDays: 0 },
  { name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực', processingDays: 0 },
  { name: 'Chứng thực chữ ký', field: 'Chứng thực', processingDays: 0 },
  { name: 'Chứng thực hợp đồng, giao dịch', field: 'Chứng thực', processingDays: 2 },
  { name: 'Đăng ký thường trú', field: 'Cư trú', processingDays: 7 },
  { name: 'Đăng ký tạm trú', field: 'Cư trú', processingDays: 3 },
  {
    name: 'Đăng ký biến động quyền sử dụng đất (chuyển nhượng, tặng cho, thừa kế)',
    field: 'Đất đai',
    processingDays: 10,
  },
  { name: 'Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu', field: 'Đất đai', processingDays: 20 },
  { name: 'Đăng ký thành lập hộ kinh doanh', field: 'Kinh doanh', processingDays: 3 },
];
