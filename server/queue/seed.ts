import { atomically, type Db } from '../db/open.js';

/** Services a commune center receives most, with the kiosk letters the center is used to. */
const DEMO_SERVICES = [
  { code: 'ho-tich', name: 'Hộ tịch', nameEn: 'Civil registration', prefix: 'A' },
  { code: 'chung-thuc', name: 'Chứng thực', nameEn: 'Certification', prefix: 'B' },
  { code: 'dat-dai', name: 'Đất đai', nameEn: 'Land', prefix: 'C' },
  { code: 'kinh-doanh', name: 'Kinh doanh', nameEn: 'Business registration', prefix: 'D' },
  {
    code: 'lao-dong-tbxh',
    name: 'Lao động – Thương binh và Xã hội',
    nameEn: 'Labour, Invalids and Social Affairs',
    prefix: 'E',
  },
  { code: 'xay-dung', name: 'Xây dựng', nameEn: 'Construction', prefix: 'F' },
] as const;

/** Six counters; the busiest services (civil registration, certification) have two. */
const DEMO_COUNTERS: readonly (readonly string[])[] = [
  ['ho-tich'],
  ['ho-tich', 'chung-thuc'],
  ['chung-thuc'],
  ['dat-dai', 'xay-dung'],
  ['kinh-doanh'],
  ['lao-dong-tbxh'],
];

/** Fills an empty database with the demo center once; never touches one already set up. */
export function seedDemo(db: Db): boolean {
  const seeded = db.prepare("SELECT value FROM meta WHERE key = 'seeded'").get();
  if (seeded) return false;
  atomically(db, () => {
    const service = db.prepare(
      'INSERT INTO services (code, name, name_en, prefix, position) VALUES (?, ?, ?, ?, ?) RETURNING id',
    );
    const ids = new Map<string, number>();
    DEMO_SERVICES.forEach((s, i) => {
      ids.set(s.code, (service.get(s.code, s.name, s.nameEn, s.prefix, i) as { id: number }).id);
    });
    const counter = db.prepare('INSERT INTO counters (number, name) VALUES (?, ?) RETURNING id');
    const link = db.prepare('INSERT INTO counter_services (counter_id, service_id) VALUES (?, ?)');
    DEMO_COUNTERS.forEach((codes, i) => {
      const { id } = counter.get(i + 1, `Quầy ${i + 1}`) as { id: number };
      for (const code of codes) link.run(id, ids.get(code));
    });
    db.prepare("INSERT INTO meta (key, value) VALUES ('seeded', ?)").run(new Date().toISOString());
  });
  return true;
}
