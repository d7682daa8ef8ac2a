/** Contract: reading cases, their append-only notes, and per-case contributors. */
import { z } from 'zod';
import { personView } from './persons';
import { method, paging } from './spec';

const caseId = z.number().int().positive();

export const caseNote = z.object({
  id: z.number().int(),
  author: z.string(),
  kind: z.enum(['note', 'confirmation', 'notice', 'escalation', 'resolution', 'contributor']),
  text: z.string(),
  createdAt: z.number().int(),
});
export type CaseNote = z.infer<typeof caseNote>;

export const caseSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['Active', 'Closed']),
  resolution: z.enum(['Benign', 'ConfirmedViolation']).nullable(),
  person: personView,
  createdAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  alertIds: z.array(z.number().int()),
  contributors: z.array(z.object({ accountId: z.number().int(), name: z.string() })),
  /** True when this account sees the case only as a contributor (read and add notes). */
  contributorOnly: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseMethods = {
  'cases.addContributor': method({
    summary: 'Add an account as contributor of a case: it may read the case and add notes only.',
    input: z.object({ caseId, accountId: z.number().int().positive() }).strict(),
    output: caseSummary,
    permission: 'workCases',
    audit: 'cases',
  }),
  'cases.addNote': method({
    summary: 'Append a note to a case (notes are never edited or deleted); contributors may too.',
    input: z.object({ caseId, text: z.string().trim().min(1).max(10_000) }).strict(),
    output: caseNote,
    permission: 'signedIn',
    audit: 'cases',
  }),
  'cases.get': method({
    summary: 'One case with its person, alerts and contributors; contributors may read their cases.',
    input: z.object({ id: caseId }).strict(),
    output: caseSummary,
    permission: 'signedIn',
    audit: 'cases',
  }),
  'cases.list': method({
    summary: 'Cases this account may see: all in scope for case workers, their own for contributors.',
    input: z.object({ status: z.enum(['Active', 'Closed']).optional(), ...paging }).strict(),
    output: z.object({ cases: z.array(caseSummary), total: z.number().int() }),
    permission: 'signedIn',
    audit: 'cases',
  }),
  'cases.notes': method({
    summary: 'The append-only notes of a case, oldest first.',
    input: z.object({ caseId }).strict(),
    output: z.array(caseNote),
    permission: 'signedIn',
    audit: 'cases',
  }),
  'cases.removeContributor': method({
    summary: 'Remove a contributor from a case (audited).',
    input: z.object({ caseId, accountId: z.number().int().positive() }).strict(),
    output: caseSummary,
    permission: 'workCases',
    audit: 'cases',
  }),
};
