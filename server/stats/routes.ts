import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { StatsBy, StatsRow } from '../../contract/stats.js';
import { requireRole } from '../auth/guard.js';
import { DAY_MS } from '../day.js';
import type { Table } from '../documents/table-xlsx.js';
import { badRequest } from '../errors.js';
import { dayField, idParams } from '../schemas.js';

const BY: readonly StatsBy[] = ['service', 'counter', 'staff', 'hour', 'day', 'month'];
const MAX_DAYS = 366;

const range = {
  type: 'object',
  properties: { from: dayField, to: dayField },
  additionalProperties: false,
} as const;

const SHEETS: Record<StatsBy, { name: string; column: string }> = {
  service: { name: 'Theo lĩnh vực', column: 'Lĩnh vực' },
  counter: { name: 'Theo quầy', column: 'Quầy' },
  staff: { name: 'Theo cán bộ', column: 'Cán bộ' },
  hour: { name: 'Theo giờ', column: 'Khung giờ lấy số' },
  day: { name: 'Theo ngày', column: 'Ngày' },
  month: { name: 'Theo tháng', column: 'Tháng' },
};
const FIGURE_HEAD = [
  'Lượt',
  'Đã phục vụ',
  'Vắng mặt',
  'Chuyển quầy',
  'Chưa xong',
  'Chờ TB (phút)',
  'Chờ lâu nhất (phút)',
  'Phục vụ TB (phút)',
  'Lượt đánh giá',
  'Không hài lòng',
  'Tỷ lệ hài lòng (%)',
];

const cells = (r: StatsRow) => [
  r.label,
  r.visits,
  r.served,
  r.noShows,
  r.transferred,
  r.open,
  r.meanWaitMin,
  r.maxWaitMin,
  r.meanServeMin,
  r.rated,
  r.unsatisfied,
  r.satisfactionPct,
];

/** The leader's figures: any range of days, by service, counter, staff member, hour, day or month. */
export const statsRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const leader = requireRole('leader');
  const staff = requireRole('staff');

  /** The days asked for, today when none; a range a year long at most. */
  const days = (q: { from?: string; to?: string }) => {
    const today = app.queue.today();
    const from = q.from ?? q.to ?? today;
    const to = q.to ?? q.from ?? today;
    if (from > to) throw badRequest('bad_range', 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.');
    if (Date.parse(to) - Date.parse(from) > MAX_DAYS * DAY_MS) {
      throw badRequest('bad_range', `Mỗi lần xem tối đa ${MAX_DAYS} ngày.`);
    }
    return { from, to };
  };

  app.get(
    '/api/stats',
    {
      onRequest: leader,
      schema: {
        summary: 'Visits, waits and serve times over a range of days, grouped one way',
        querystring: { ...range, properties: { ...range.properties, by: { enum: BY, default: 'service' } } },
      },
    },
    async (request) => {
      const { from, to } = days(request.query);
      return app.stats.view(from, to, request.query.by);
    },
  );

  app.get(
    '/api/stats.xlsx',
    {
      onRequest: leader,
      schema: { summary: 'The figures of a range, every grouping a sheet', querystring: range },
    },
    async (request, reply) => {
      const { from, to } = days(request.query);
      const period = from === to ? from : `${from} – ${to}`;
      const tables: Table[] = BY.map((by) => {
        const view = app.stats.view(from, to, by);
        return {
          sheetName: SHEETS[by].name,
          title: `Số liệu tiếp dân ${SHEETS[by].name.toLowerCase()} — ${period}`,
          head: [SHEETS[by].column, ...FIGURE_HEAD],
          rows: [...view.rows, view.total].map(cells),
          widths: [30, 8, 12, 12, 12, 12, 14, 18, 16, 14, 14, 16],
        };
      });
      const file = await app.documents.build({ kind: 'tables-xlsx', tables });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="so-lieu-tiep-dan-${from}-${to}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/api/counters/:id/stats',
    {
      onRequest: staff,
      schema: { summary: 'Today’s figures of one counter, for its clerk', params: idParams },
    },
    async (request) => app.stats.counterToday(request.params.id),
  );
};
