/** docs/scoring.md shows every constant of model.ts with its value: the document and the code agree. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as model from './model';
import { shippedThresholds, COUNT_INDICATORS } from '../settings/detectionSettings';

const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'scoring.md'), 'utf8');
const rows = new Map([...doc.matchAll(/^\| `([A-Z_]+)`\s*\| `(.+?)`\s*\|/gm)].map((match) => [match[1]!, match[2]!] as const));
const constants = Object.entries(model).filter(([, value]) => typeof value !== 'function');

describe('docs/scoring.md', () => {
  it.each(constants)('shows %s with its value', (name, value) => {
    expect(rows.get(name), `${name} is missing from the table in docs/scoring.md`).toBeDefined();
    expect(JSON.parse(rows.get(name)!)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('lists no constant the model does not have', () => {
    expect([...rows.keys()].filter((name) => !(name in model))).toEqual([]);
  });

  it('ships the catalogue thresholds of reference/indicators.md unchanged', () => {
    // Copied by hand from the catalogue's "Default low / med / high" column.
    const catalogue: Record<string, [number, number, number]> = {
      sharepoint_download: [25, 75, 200],
      file_archive: [3, 10, 25],
      usb_mount: [1, 5, 10],
      usb_copy: [5, 20, 50],
      cloud_upload: [3, 10, 30],
      print: [10, 30, 75],
      network_share_copy: [10, 30, 75],
      remote_desktop_copy: [3, 10, 25],
      external_share: [3, 10, 25],
      email_external_attachments: [3, 10, 25],
      email_personal_webmail: [1, 3, 10],
      mail_forward_rule: [1, 1, 2],
      label_downgrade: [1, 3, 10],
      file_rename_extension: [5, 20, 50],
      mass_delete: [50, 150, 400],
      after_hours_logon: [1, 2, 4],
      foreign_device_logon: [1, 2, 4],
      browse_job_search: [5, 15, 40],
      browse_leak_site: [1, 2, 5],
      browse_cloud_storage: [3, 10, 30],
      hacking_tool_download: [1, 2, 4],
      unallowed_domain: [1, 3, 10],
    };
    expect(Object.fromEntries(COUNT_INDICATORS.map((id) => [id, Object.values(shippedThresholds(id))]))).toEqual(catalogue);
  });
});
