/** Contract: scoring runs and why scores are out of date (DOMAIN.md §5). */
import { z } from 'zod';
import { POLICY_STATES } from '../detection';
import { method, noInput } from './spec';

/** Why scores are out of date, as facts the UI words in its language (`reason` keeps the English for the CLI). */
export const SCORING_REASON_KINDS = [
  'neverScored',
  'policyCreated',
  'policyChanged',
  'policyStateChanged',
  'policyCopied',
  'policyDeleted',
  'personsAdded',
  'personRemoved',
  'groupCreated',
  'groupChanged',
  'groupDeleted',
  'settingChanged',
  'demoPolicies',
] as const;
export const scoringReason = z.object({
  kind: z.enum(SCORING_REASON_KINDS),
  /** The policy or group (policyCopied: the copy); demoPolicies: the policies, comma-separated. */
  name: z.string().optional(),
  /** policyCopied: the policy copied from. */
  from: z.string().optional(),
  /** policyStateChanged: the new state. */
  state: z.enum(POLICY_STATES).optional(),
  /** settingChanged: the setting's key. */
  setting: z.string().optional(),
});
export type ScoringReason = z.infer<typeof scoringReason>;

/** A re-score reason in English (CLI, `scoring.status`'s `reason`, the audit). */
export function describeScoringReason(reason: ScoringReason): string {
  const name = reason.name ?? '';
  switch (reason.kind) {
    case 'neverScored':
      return 'never scored';
    case 'policyCreated':
      return `policy ${name} created`;
    case 'policyChanged':
      return `policy ${name} changed`;
    case 'policyStateChanged':
      return `policy ${name} ${reason.state ?? 'changed'}`;
    case 'policyCopied':
      return `policy ${name} copied from ${reason.from ?? ''}`;
    case 'policyDeleted':
      return `policy ${name} deleted`;
    case 'personsAdded':
      return `persons added to ${name} by hand`;
    case 'personRemoved':
      return `person removed from ${name}`;
    case 'groupCreated':
      return `group ${name} created`;
    case 'groupChanged':
      return `group ${name} changed`;
    case 'groupDeleted':
      return `group ${name} deleted`;
    case 'settingChanged':
      return `setting ${reason.setting ?? ''} changed`;
    case 'demoPolicies':
      return `demo policies created: ${name}`;
  }
}

export const scoringRunView = z.object({
  id: z.number().int(),
  kind: z.enum(['full', 'incremental']),
  state: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  persons: z.number().int(),
  alertsCreated: z.number().int(),
  alertsUpdated: z.number().int(),
  alertsRemoved: z.number().int(),
  error: z.string().nullable(),
});

export const scoringMethods = {
  'scoring.run': method({
    summary:
      'Queue a scoring run as a job and answer its id at once (follow it with job.progress and jobs.get, stop it with jobs.cancel): full when asked or settings changed, else every policy from the daily tables.',
    input: z.object({ full: z.boolean().default(false) }).strict(),
    output: z.object({ jobId: z.string() }),
    permission: 'configure',
    audit: 'policies',
  }),
  'scoring.status': method({
    summary: 'Whether a full re-score is due (and why), and the last scoring runs.',
    input: noInput,
    output: z.object({
      needsFull: z.boolean(),
      reason: z.string().nullable(),
      reasonFacts: scoringReason.nullable(),
      runs: z.array(scoringRunView),
    }),
    permission: 'configure',
    audit: 'policies',
  }),
};
