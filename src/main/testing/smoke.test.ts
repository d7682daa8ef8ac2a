import { afterEach, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from './backendFixture';

let test: TestBackend;
afterEach(() => test.close());

it('sets up, signs in and reports app info', async () => {
  test = openTestBackend();
  const admin = await test.admin();
  const info = await admin.value('app.info');
  expect(info.schemaVersion).toBeGreaterThan(0);
  expect(info.anonymization).toBe(true);
  expect((await admin.value('audit.verify')).intact).toBe(true);
});
