/** Contract: the tamper-evident audit log (Auditors and Insider Risk Management). */
import { z } from 'zod';
import { AUDIT_CATEGORIES, method, noInput, paging } from './spec';

export const AUDIT_RESULTS = ['success', 'failure', 'denied', 'warning'] as const;

export const auditEntry = z.object({
  sequence: z.number().int(),
  time: z.number().int(),
  actor: z.string(),
  roleGroups: z.array(z.string()),
  category: z.enum(AUDIT_CATEGORIES),
  action: z.string(),
  targets: z.array(z.string()),
  before: z.unknown(),
  after: z.unknown(),
  result: z.enum(AUDIT_RESULTS),
  reason: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditFilter = z.object({
  category: z.enum(AUDIT_CATEGORIES).optional(),
  actor: z.string().max(64).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  text: z.string().max(200).optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditMethods = {
  'audit.exportCsv': method({
    summary: "Export the filtered audit log as CSV with Purview's audit-log columns (the export is audited).",
    input: auditFilter.strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    permission: 'viewAudit',
    audit: 'audit',
  }),
  'audit.list': method({
    summary: 'Audit entries, newest first, filtered by category, actor, date range and text.',
    input: auditFilter.extend(paging).strict(),
    output: z.object({ entries: z.array(auditEntry), total: z.number().int() }),
    permission: 'viewAudit',
    audit: 'audit',
  }),
  'audit.verify': method({
    summary: 'Check the hash chain, entry signatures and signed checkpoints of the audit log.',
    input: noInput,
    output: z.object({
      intact: z.boolean(),
      size: z.number().int(),
      firstBadSequence: z.number().int().nullable(),
      message: z.string(),
    }),
    permission: 'viewAudit',
    audit: 'audit',
  }),
};
