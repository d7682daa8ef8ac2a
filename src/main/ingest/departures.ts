/**
 * Departures derived from roster snapshots, across imports. Every snapshot (a roster named
 * `YYYY-MM.csv`) is stored with whom it lists (roster_snapshots, roster_snapshot_members); inside the
 * merge transaction of an import that adds or replaces snapshots, the derived departures are brought
 * in line with all stored snapshots: a person listed in a month and absent from every later snapshot
 * left at the end of the last month listed (`departure`, derived_from_roster = 1, pointing at the
 * first snapshot without them, line 0). The same snapshots give the same events (an unchanged
 * departure keeps its row and id, which alerts may point at); a departure that a later snapshot
 * contradicts (the person is listed again) is removed.
 */
import type { Database } from '../store/database';
import { endOfMonth } from './time';

/** A roster snapshot file of this import. */
export interface SnapshotFile {
  fileId: number;
  /** `YYYY-MM`. */
  month: string;
}

/** Persons whose derived departures changed, and the time span of those changes (incremental scoring). */
export interface DepartureChanges {
  personIds: number[];
  fromTime: number;
  toTime: number;
}

/** Stores this import's snapshots and whom they list (staging attached as `stage`, persons resolved in temp.pmap). */
export function storeSnapshots(db: Database, snapshots: readonly SnapshotFile[]): void {
  const insert = db.prepare('INSERT INTO roster_snapshots (file_id, month) VALUES (@fileId, @month)');
  for (const snapshot of snapshots) insert.run({ fileId: snapshot.fileId, month: snapshot.month });
  db.exec(`
    INSERT INTO roster_snapshot_members (file_id, person_id, line)
    SELECT d.file_id, m.person_id, min(d.line) FROM stage.person_defs d JOIN temp.pmap m ON m.ref = d.ref
    WHERE d.snapshot IS NOT NULL AND d.file_id IN (SELECT file_id FROM roster_snapshots)
    GROUP BY d.file_id, m.person_id`);
}

/** First day of a `YYYY-MM` month (UTC ms). */
function startOfMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, monthNumber - 1, 1);
}

interface Listing {
  month: string;
  fileId: number;
  name: string;
  line: number;
}

/** Re-derives departures from every stored snapshot (inside the merge transaction); null when nothing changed. */
export function deriveDepartures(db: Database): DepartureChanges | null {
  const rows = db
    .prepare(
      `SELECT s.month, s.file_id AS fileId, f.name, m.person_id AS personId, m.line
       FROM roster_snapshots s JOIN import_files f ON f.id = s.file_id LEFT JOIN roster_snapshot_members m ON m.file_id = s.file_id
       ORDER BY s.month, s.file_id, m.person_id`,
    )
    .all() as (Omit<Listing, 'line'> & { personId: number | null; line: number | null })[];
  // The first snapshot file of each month, and each person's last month listed (its first file there).
  const firstOfMonth = new Map<string, { fileId: number; name: string }>();
  const last = new Map<number, Listing>();
  for (const row of rows) {
    if (!firstOfMonth.has(row.month)) firstOfMonth.set(row.month, { fileId: row.fileId, name: row.name });
    if (row.personId === null) continue;
    const seen = last.get(row.personId);
    if (!seen || seen.month !== row.month)
      last.set(row.personId, { month: row.month, fileId: row.fileId, name: row.name, line: row.line! });
  }
  const months = [...firstOfMonth.keys()];
  const final = months.at(-1);
  const wanted = new Map<number, { time: number; fileId: number; remarks: string }>();
  for (const [personId, listed] of last) {
    if (listed.month === final) continue;
    const next = firstOfMonth.get(months[months.indexOf(listed.month) + 1]!)!;
    wanted.set(personId, {
      time: endOfMonth(listed.month),
      fileId: next.fileId,
      remarks: `derived from roster: last listed in ${listed.name} (line ${listed.line}), absent from ${next.name} and later snapshots`,
    });
  }

  const snapshotFiles = new Set(rows.map((row) => row.fileId));
  const existing = db
    .prepare(
      "SELECT id, person_id AS personId, time, file_id AS fileId, remarks FROM hr_events WHERE kind = 'departure' AND derived_from_roster = 1 ORDER BY id",
    )
    .all() as { id: number; personId: number; time: number; fileId: number; remarks: string | null }[];
  const remove = db.prepare('DELETE FROM hr_events WHERE id = @id');
  const update = db.prepare('UPDATE hr_events SET time = @time, file_id = @fileId, remarks = @remarks, line = 0 WHERE id = @id');
  const insert = db.prepare(
    "INSERT INTO hr_events (person_id, kind, time, remarks, derived_from_roster, file_id, line) VALUES (@personId, 'departure', @time, @remarks, 1, @fileId, 0)",
  );
  const changed = new Set<number>();
  let fromTime = Number.POSITIVE_INFINITY;
  let toTime = Number.NEGATIVE_INFINITY;
  const change = (personId: number, ...at: number[]) => {
    changed.add(personId);
    for (const time of at) {
      fromTime = Math.min(fromTime, time);
      toTime = Math.max(toTime, time);
    }
  };
  const kept = new Set<number>();
  for (const event of existing) {
    const want = wanted.get(event.personId);
    if (snapshotFiles.has(event.fileId)) {
      // Derived from stored snapshots: kept (and corrected) while they still show the departure.
      if (want && !kept.has(event.personId)) {
        kept.add(event.personId);
        if (want.time !== event.time || want.fileId !== event.fileId || want.remarks !== event.remarks) {
          update.run({ time: want.time, fileId: want.fileId, remarks: want.remarks, id: event.id });
          change(event.personId, event.time, want.time);
        }
      } else {
        remove.run({ id: event.id });
        change(event.personId, event.time);
      }
    } else {
      // Derived by an import before snapshots were stored: removed once a stored snapshot lists the
      // person after it; never duplicated.
      const listed = last.get(event.personId);
      if (listed && startOfMonth(listed.month) > event.time) {
        remove.run({ id: event.id });
        change(event.personId, event.time);
      } else if (want && want.time === event.time) kept.add(event.personId);
    }
  }
  for (const [personId, want] of wanted) {
    if (kept.has(personId)) continue;
    insert.run({ personId, time: want.time, remarks: want.remarks, fileId: want.fileId });
    change(personId, want.time);
  }
  if (changed.size === 0) return null;
  return { personIds: [...changed].sort((a, b) => a - b), fromTime, toTime };
}
