import { it } from 'vitest';
import { openDatabase } from '../store/database';

it('scan', () => {
  const db = openDatabase('/tmp/irm-bench/prof.sqlite', { migrate: false });
  let t = performance.now();
  const counts = new Map<number, number>();
  for (const [person, time] of db.prepare('SELECT person_id, time FROM activities').raw().iterate() as IterableIterator<
    [number, number]
  >) {
    const key = person * 100000 + (Math.floor(time / 86400000) % 100000);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log('js count', (performance.now() - t).toFixed(0), counts.size);
  t = performance.now();
  let n = 0;
  for (const row of db.prepare('SELECT person_id, time FROM activities').raw().iterate() as IterableIterator<[number, number]>) {
    n += row[0];
  }
  console.log('js iterate only', (performance.now() - t).toFixed(0), n);
  t = performance.now();
  const r = db.prepare('SELECT person_id, time / 86400000 AS day, count(*) FROM activities GROUP BY person_id, day').raw().all();
  console.log('group', (performance.now() - t).toFixed(0), r.length);
  db.close();
}, 600_000);
