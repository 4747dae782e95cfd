import { type RenderRequest, renderJob } from '../../server/printing/raster.js';
import { type Latency, percentiles } from './load.js';

/**
 * Render+encode of one ticket as the renderer process does it: layout, skia raster,
 * threshold, GS v 0 bytes and the PNG preview. Absolute milliseconds: this is CPU work with
 * no disk in it, so the machine's fsync noise does not enter.
 */
export function renderTimes(count: number): Record<'80mm' | '58mm', Latency & { bytes: number }> {
  const request = (width: number, i: number): RenderRequest => ({
    kind: 'ticket',
    width,
    ticket: {
      centerName: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ',
      serviceName: ['Hộ tịch', 'Chứng thực', 'Đất đai'][i % 3] as string,
      number: `B${String(i % 1000).padStart(3, '0')}`,
      priority: i % 4 === 0,
      fallback: true,
      waitingBefore: i % 40,
      issuedAt: Date.now(),
      timezone: 'Asia/Ho_Chi_Minh',
      reprint: false,
    },
  });
  const run = (width: number) => {
    for (let i = 0; i < 20; i++) renderJob(request(width, i));
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      bytes = renderJob(request(width, i)).bytes.length;
      samples.push(performance.now() - started);
    }
    return { ...percentiles(samples), bytes };
  };
  return { '80mm': run(576), '58mm': run(384) };
}
