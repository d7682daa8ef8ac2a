/**
 * Test helper: gives persons a month of ordinary activity, a resignation and a burst of USB copies,
 * creates a departing-users policy through the API and scores, so every person has an alert.
 * Used by the scope-leak test to exercise the alert, policy and Users page methods.
 */
import type { TestBackend } from './backendFixture';
import { DAY, HOUR, ordinaryDay, signalWriter } from './testSignals';

/** Seeds signals and alerts for these persons; returns each person's alert id. */
export async function seedAlertsFor(
  backend: TestBackend,
  personIds: number[],
  options: { mailTo?: string; listed?: number[]; mention?: string } = {},
): Promise<Map<number, number>> {
  const { db } = backend.backend.context;
  const writer = signalWriter(db, 'scope-leak-signals.csv');
  const start = Math.floor(backend.clock.now() / DAY) - 60;
  personIds.forEach((person, index) => {
    for (let d = 0; d < 40; d++) writer.activities(ordinaryDay(person, start + d, `PC-${index}`));
    writer.activities(
      Array.from({ length: 30 }, (_, i) => ({
        person,
        time: (start + 35) * DAY + 10 * HOUR + i * 60_000,
        kind: 'usbCopy' as const,
        device: `PC-${index}`,
        target: `E:\\copy-${i}.docx`,
      })),
    );
    if (options.mailTo)
      writer.activities([
        {
          person,
          time: (start + 35) * DAY + 15 * HOUR,
          kind: 'emailSend',
          recipients: options.mailTo,
          attachments: 1,
          // A name inside free text (the attachment's name), for redaction to catch.
          target: options.mention ? `${options.mention} copy-1.docx` : 'copy-1.docx',
        },
      ]);
    writer.hrEvent({ person, kind: 'resignation', time: (start + 38) * DAY });
  });
  const admin = await backend.admin();
  const existing = await admin.value('policies.list');
  if (!existing.some((p) => p.name === 'Scope leak departing users')) {
    // `listed` persons are named in a pilot group and in the policy's scope, so views of both list them.
    const listed = options.listed ?? [];
    const pilot = listed.length
      ? await admin.value('groups.create', { name: 'Scope leak pilot', kind: 'pilot', personIds: listed })
      : null;
    await admin.value('policies.create', {
      template: 'data-theft-departing-users',
      name: 'Scope leak departing users',
      scope: { everyone: true, personIds: listed, pilotGroupId: pilot?.id ?? null },
    });
  }
  await admin.score({ full: true });
  const rows = db.prepare('SELECT person_id, id FROM alerts ORDER BY id').raw().all() as [number, number][];
  return new Map(rows.filter(([person]) => personIds.includes(person)));
}
