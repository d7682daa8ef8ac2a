/**
 * Contract: the Users page (DOMAIN.md §5): everyone in scope of a policy with the trigger, the
 * policies, the current risk level and how far below the alert threshold they are, so that
 * "why is there no alert?" always has an answer.
 */
import { z } from 'zod';
import { ALERT_STATUSES, INDICATOR_IDS, POLICY_STATES, SEVERITIES, TEMPLATE_IDS, TRIGGER_KINDS } from '../detection';
import { triggerFacts } from './alerts';
import { personView } from './persons';
import { method, paging } from './spec';

/** Risk levels on the Users page: None (in scope, no score yet) or an alert severity. */
export const RISK_LEVELS = ['None', ...SEVERITIES] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** One policy a person is in scope of, with the distance to its alert threshold. */
export const userPolicyView = z.object({
  policy: z.object({ id: z.number().int(), name: z.string(), template: z.enum(TEMPLATE_IDS), state: z.enum(POLICY_STATES) }),
  /** `summary` is English (CLI, exports); the UI words the trigger from `facts` (null: scored before facts were recorded). */
  trigger: z.object({
    kind: z.enum(TRIGGER_KINDS),
    time: z.number().int(),
    summary: z.string(),
    facts: triggerFacts.nullable(),
    count: z.number().int(),
  }),
  manual: z.boolean(),
  /** The scored window (UTC day starts, ms). */
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  score: z.number().int(),
  alertThreshold: z.number().int(),
  /** alertThreshold − score when below it, else 0. */
  belowThresholdBy: z.number().int(),
  /** The indicator closest to its low threshold on any scored day (why there is no alert). */
  nearest: z.object({ indicator: z.enum(INDICATOR_IDS), count: z.number().int(), threshold: z.number().int() }).nullable(),
  alert: z.object({ id: z.number().int(), status: z.enum(ALERT_STATUSES), severity: z.enum(SEVERITIES) }).nullable(),
  scoredAt: z.number().int(),
});

/** One person on the Users page. */
export const userView = z.object({
  person: personView,
  riskLevel: z.enum(RISK_LEVELS),
  score: z.number().int(),
  activeAlerts: z.number().int(),
  confirmedViolations: z.number().int(),
  activeCaseId: z.number().int().nullable(),
  policies: z.array(userPolicyView),
});
export type UserView = z.infer<typeof userView>;

/** Contract entries of the Users page. */
export const userMethods = {
  'users.list': method({
    summary:
      'Persons in scope of any policy (triggered or added by hand) with policies, trigger, risk level and distance to the alert threshold.',
    input: z
      .object({
        text: z.string().trim().max(200).optional(),
        policyId: z.number().int().positive().optional(),
        riskLevels: z.array(z.enum(RISK_LEVELS)).max(4).optional(),
        sort: z.enum(['risk', 'name']).default('risk'),
        ...paging,
      })
      .strict(),
    output: z.object({ users: z.array(userView), total: z.number().int() }),
    permission: 'viewUsers',
    audit: 'users',
  }),
  'users.get': method({
    summary: 'One person on the Users page: every policy they are in scope of, and why (or why not) there is an alert.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: userView,
    permission: 'viewUsers',
    audit: 'users',
  }),
};
