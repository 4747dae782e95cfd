import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { renderJob } from '../server/printing/raster.ts';

for (const width of [576, 384])
  for (const serviceName of ['Hộ tịch', 'Chứng thực', 'Đất đai']) {
    const r = renderJob({
      kind: 'ticket',
      width,
      ticket: {
        centerName: 'Trung tâm Phục vụ hành chính công xã Tân Kỳ',
        serviceName,
        number: 'B014',
        priority: true,
        fallback: true,
        waitingBefore: 12,
        issuedAt: Date.now(),
        timezone: 'Asia/Ho_Chi_Minh',
        reprint: false,
      },
    });
    writeFileSync('tmp/o.png', r.png);
    const t0 = Date.now();
    const text = execFileSync('tesseract', ['tmp/o.png', 'stdout', '-l', 'vie', '--psm', '6'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    console.log(width, serviceName, Date.now() - t0, 'ms\n', text);
  }
