/**
 * Contract: the alert queue (filters, sort, keyset paging, bulk dismiss, assign, confirm into a
 * case) and alert detail (triggering event, risk factors, explanation, activity explorer, activity
 * chart), DOMAIN.md §6.
 */
import { z } from 'zod';
import {
  ALERT_STATUSES,
  BOOSTERS,
  DISMISS_REASONS,
  IMPACT_LEVELS,
  INDICATOR_IDS,
  RISK_FACTORS,
  SEVERITIES,
  TEMPLATE_IDS,
  TRIGGER_KINDS,
} from '../detection';
import { ACTIVITY_CATEGORIES, HR_EVENT_KINDS } from '../signals';
import { CURSOR_PAGE_LIMIT, TRIAGE_BATCH_LIMIT } from '../limits';
import { personView } from './persons';
import { method, noInput } from './spec';

const id = z.number().int().positive();

/** Sort keys of the queue. */
export const ALERT_SORT_FIELDS = ['detectedAt', 'severity', 'score', 'updatedAt'] as const;

/** Queue filters (Purview's, plus test mode). Time detected: from ≤ t < to (UTC ms). */
export const alertFilter = z
  .object({
    status: z.array(z.enum(ALERT_STATUSES)).max(4).optional(),
    severity: z.array(z.enum(SEVERITIES)).max(3).optional(),
    policyIds: z.array(id).max(100).optional(),
    detectedFrom: z.number().int().optional(),
    detectedTo: z.number().int().optional(),
    riskFactors: z.array(z.enum(RISK_FACTORS)).max(RISK_FACTORS.length).optional(),
    /** An account id, or 'unassigned', or 'me'. */
    assignee: z.union([id, z.enum(['unassigned', 'me'])]).optional(),
    /** Matches the person (pseudonym while anonymized, else name, e-mail), alert id, policy name, assignee. */
    text: z.string().trim().max(200).optional(),
    personId: id.optional(),
    /** Test-mode alerts are kept out of the main queue; true lists only them. */
    testMode: z.boolean().default(false),
  })
  .strict();
export type AlertFilter = z.input<typeof alertFilter>;

/**
 * Facts behind a trigger, for the UI to word (`summary` says the same in English, for the CLI and
 * exports). Null for rows scored before these facts were recorded. Days are UTC ms of midnight.
 */
export const triggerFacts = z.object({
  kind: z.enum(TRIGGER_KINDS),
  /** The day of the event (manual: the day the person was added). */
  day: z.number().int(),
  /** HR triggers: the event, the last working day, the rating of a review, the levels of a demotion. */
  hrKind: z.enum(HR_EVENT_KINDS).optional(),
  lastWorkingDay: z.number().int().optional(),
  rating: z.string().optional(),
  oldLevel: z.string().optional(),
  newLevel: z.string().optional(),
  /** External alerts: where from, the policy name or title, severity and category. */
  source: z.enum(['dlp', 'security']).optional(),
  title: z.string().optional(),
  severity: z.enum(['informational', 'low', 'medium', 'high']).optional(),
  category: z.string().optional(),
  /** Activity triggers: the indicator's count that day, the trigger level and its threshold. */
  indicator: z.enum(INDICATOR_IDS).optional(),
  count: z.number().int().optional(),
  level: z.enum(IMPACT_LEVELS).optional(),
  threshold: z.number().int().optional(),
  /** Exfiltration: the person's usual daily count (absent: no baseline yet) and what backs the spike up (newChannelDlp / personalDlp: below the trigger level, a first use or a personal destination with a DLP match of `severity`). */
  usualPerDay: z.number().optional(),
  corroboration: z.enum(['newChannel', 'otherChannel', 'dlp', 'foreignLogon', 'newChannelDlp', 'personalDlp']).optional(),
  otherIndicator: z.enum(INDICATOR_IDS).optional(),
  /** Security activity: the colleague's device returned to and an earlier day it was used on. */
  returnedTo: z.string().optional(),
  previousDay: z.number().int().optional(),
  /** Added by hand: for how many days and why. */
  days: z.number().int().optional(),
  reason: z.string().optional(),
});
export type TriggerFacts = z.infer<typeof triggerFacts>;

/** One row of the alert queue. */
export const alertSummary = z.object({
  id: z.number().int(),
  person: personView,
  policy: z.object({ id: z.number().int(), name: z.string(), template: z.enum(TEMPLATE_IDS), deleted: z.boolean() }),
  status: z.enum(ALERT_STATUSES),
  severity: z.enum(SEVERITIES),
  score: z.number().int(),
  test: z.boolean(),
  detectedAt: z.number().int(),
  updatedAt: z.number().int(),
  /** First and last UTC day (ms of midnight) of the activity in the alert, and the highest-scoring day. */
  firstActivityDay: z.number().int(),
  lastActivityDay: z.number().int(),
  topDay: z.number().int(),
  /** `summary` is English (CLI, exports); the UI words the trigger from `facts`. */
  trigger: z.object({ kind: z.enum(TRIGGER_KINDS), time: z.number().int(), summary: z.string(), facts: triggerFacts.nullable() }),
  riskFactors: z.array(z.enum(RISK_FACTORS)),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  caseId: z.number().int().nullable(),
  dismissReason: z.enum(DISMISS_REASONS).nullable(),
  dismissNote: z.string().nullable(),
});
export type AlertSummary = z.infer<typeof alertSummary>;

/**
 * Facts behind an insight that its numbers do not carry, for the UI to word (`detail` says the same
 * in English). Null for insights stored before these facts were recorded.
 */
export const insightFacts = z.object({
  /** Above-usual thresholds: the person's usual daily count they were derived from, and the level's factor. */
  aboveUsualPerDay: z.number().optional(),
  aboveUsualFactor: z.number().optional(),
  /** Unusual activity: the person's usual daily count. */
  usualPerDay: z.number().optional(),
  /** Returned to a colleague's device: the device and an earlier day (UTC ms of midnight) it was used on. */
  returnedTo: z.string().optional(),
  returnedPreviousDay: z.number().int().optional(),
  /** External alerts: up to three distinct titles. */
  alertTitles: z.array(z.string()).optional(),
  /** DLP matches: up to three external domains the person first mailed attachments to that day. */
  newRecipientDomains: z.array(z.string()).optional(),
  /** Sequences: files in completed sequences, those with three or more steps, and the weight of one of those. */
  sequenceFiles: z.number().int().optional(),
  sequenceLongFiles: z.number().int().optional(),
  sequenceLongWeight: z.number().optional(),
  /** Cumulative exfiltration: the days summed, the peer group, its 90th percentile and the level's factor. */
  cumulativeDays: z.number().int().optional(),
  peerGroup: z.string().optional(),
  peerPercentile: z.number().optional(),
  peerFactor: z.number().optional(),
  /** Counted once with this stronger indicator of the same channel: the insight adds 0 points. */
  countedWith: z.enum(INDICATOR_IDS).optional(),
});
export type InsightFacts = z.infer<typeof insightFacts>;

const insightView = z.object({
  ordinal: z.number().int(),
  day: z.number().int(),
  kind: z.enum(['indicator', 'sequence', 'cumulativeExfiltration']),
  indicator: z.enum(INDICATOR_IDS).nullable(),
  title: z.string(),
  category: z.enum(ACTIVITY_CATEGORIES),
  count: z.number().int(),
  level: z.enum(IMPACT_LEVELS),
  threshold: z.number().int(),
  basePoints: z.number().int(),
  boosters: z.array(z.object({ booster: z.enum([...BOOSTERS, 'priorityContent', 'returnVisit', 'newRecipient'] as const), factor: z.number() })),
  boosterFactor: z.number(),
  points: z.number().int(),
  dayScore: z.number().int(),
  /** The insight in English (CLI, exports); the UI words it from the fields and `facts`. */
  detail: z.string(),
  facts: insightFacts.nullable(),
  events: z.number().int(),
  storedEvents: z.number().int(),
});

/** Why the alert has its score: each insight with threshold crossed, boosters and points. */
export const explanationView = z.object({
  modelVersion: z.number().int(),
  score: z.number().int(),
  severity: z.enum(SEVERITIES),
  alertThreshold: z.number().int(),
  severityBands: z.object({ Low: z.number().int(), Medium: z.number().int(), High: z.number().int() }),
  topDay: z.number().int(),
  summary: z.string(),
  insights: z.array(insightView),
});
export type ExplanationView = z.infer<typeof explanationView>;

/** Alert detail: the queue row plus triggering event, explanation and the person's other alerts. */
export const alertDetail = alertSummary.extend({
  triggeringEvent: z.object({
    kind: z.enum(TRIGGER_KINDS),
    time: z.number().int(),
    summary: z.string(),
    facts: triggerFacts.nullable(),
    source: z.object({ fileName: z.string(), sha256: z.string(), line: z.number().int() }).nullable(),
  }),
  explanation: explanationView,
  userAlertHistory: z.array(
    z.object({
      id: z.number().int(),
      policyName: z.string(),
      status: z.enum(ALERT_STATUSES),
      severity: z.enum(SEVERITIES),
      detectedAt: z.number().int(),
    }),
  ),
  onlyPriorityContentScored: z.boolean(),
});
export type AlertDetail = z.infer<typeof alertDetail>;

/** One activity in the activity explorer, with where it came from. */
export const activityRow = z.object({
  id: z.number().int(),
  time: z.number().int(),
  kind: z.string(),
  category: z.enum(ACTIVITY_CATEGORIES),
  device: z.string().nullable(),
  target: z.string().nullable(),
  domain: z.string().nullable(),
  recipients: z.string().nullable(),
  external: z.boolean().nullable(),
  size: z.number().nullable(),
  attachments: z.number().int().nullable(),
  detail: z.string().nullable(),
  /** Indicators it counted for in this alert (empty also for a sequence or cumulative-exfiltration row: see `scored`). */
  indicators: z.array(z.enum(INDICATOR_IDS)),
  insightOrdinals: z.array(z.number().int()),
  /** The most points of an insight it counted for in this alert (0: not scored in this alert). */
  points: z.number().int(),
  /**
   * Whether it counted for an insight of this alert within the alert's activity window (an
   * indicator, a sequence or cumulative exfiltration); exactly when points > 0.
   */
  scored: z.boolean(),
  riskFactors: z.array(z.enum(RISK_FACTORS)),
  source: z.object({ importId: z.number().int(), fileName: z.string(), sha256: z.string(), line: z.number().int() }),
});
export type ActivityRow = z.infer<typeof activityRow>;

/** Contract entries of the alert queue and alert detail. */
export const alertMethods = {
  'alerts.list': method({
    summary: 'The alert queue: filter, sort, keyset paging (pass nextCursor back), visible persons only.',
    input: alertFilter
      .extend({
        sort: z
          .object({ field: z.enum(ALERT_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
          .default({ field: 'detectedAt', direction: 'desc' }),
        cursor: z.string().max(200).nullable().default(null),
        limit: z.number().int().min(1).max(CURSOR_PAGE_LIMIT).default(50),
      })
      .strict(),
    output: z.object({ alerts: z.array(alertSummary), total: z.number().int(), nextCursor: z.string().nullable() }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.summary': method({
    summary: 'Queue widgets: alerts needing review and open alerts by severity, and the filters (policies, assignees).',
    input: z.object({ testMode: z.boolean().default(false) }).strict(),
    output: z.object({
      needsReview: z.object({ Low: z.number().int(), Medium: z.number().int(), High: z.number().int() }),
      byStatus: z.object({
        NeedsReview: z.number().int(),
        Confirmed: z.number().int(),
        Dismissed: z.number().int(),
        Resolved: z.number().int(),
      }),
      policies: z.array(z.object({ id: z.number().int(), name: z.string(), deleted: z.boolean() })),
      assignees: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.get': method({
    summary: 'Alert detail: triggering event, risk factors, explanation with points, user alert history.',
    input: z.object({ id }).strict(),
    output: alertDetail,
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.activities': method({
    summary: "Activity explorer: the alert's scored activities (or all scored / all activity of the person) with provenance.",
    input: z
      .object({
        id,
        scope: z.enum(['alert', 'scored', 'all']).default('alert'),
        category: z.enum(ACTIVITY_CATEGORIES).optional(),
        indicator: z.enum(INDICATOR_IDS).optional(),
        riskFactor: z.enum(RISK_FACTORS).optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        cursor: z.string().max(200).nullable().default(null),
        limit: z.number().int().min(1).max(CURSOR_PAGE_LIMIT).default(100),
      })
      .strict(),
    output: z.object({ activities: z.array(activityRow), nextCursor: z.string().nullable() }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.activityChart': method({
    summary: "User activity chart: daily counts per category over 1, 3 or 6 months up to the alert's last day, with scored days.",
    input: z.object({ id, months: z.union([z.literal(1), z.literal(3), z.literal(6)]).default(3) }).strict(),
    output: z.object({
      from: z.number().int(),
      to: z.number().int(),
      days: z.array(z.object({ day: z.number().int(), counts: z.record(z.enum(ACTIVITY_CATEGORIES), z.number().int()) })),
      scoredDays: z.array(
        z.object({
          day: z.number().int(),
          score: z.number().int(),
          insights: z.number().int(),
          categories: z.array(z.enum(ACTIVITY_CATEGORIES)),
        }),
      ),
      sequences: z.array(z.object({ day: z.number().int(), files: z.number().int(), points: z.number().int() })),
      cumulativeExfiltration: z.array(z.object({ day: z.number().int(), volume: z.number().int() })),
    }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.dismiss': method({
    summary: `Dismiss Needs review alerts (up to ${TRIAGE_BATCH_LIMIT} at once, in one transaction and one audit entry) with a reason and note.`,
    input: z
      .object({
        ids: z.array(id).min(1).max(TRIAGE_BATCH_LIMIT),
        reason: z.enum(DISMISS_REASONS),
        note: z.string().trim().max(2000).default(''),
      })
      .strict(),
    output: z.object({ dismissed: z.number().int() }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.assign': method({
    summary: 'Assign alerts to an account that may triage them (null: unassign).',
    input: z.object({ ids: z.array(id).min(1).max(TRIAGE_BATCH_LIMIT), accountId: id.nullable() }).strict(),
    output: z.object({ assigned: z.number().int() }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.confirm': method({
    summary: "Confirm Needs review alerts of one person: create a case, or add them to the person's active case.",
    input: z
      .object({
        ids: z.array(id).min(1).max(TRIAGE_BATCH_LIMIT),
        caseId: id.nullable().default(null),
        caseName: z.string().trim().min(1).max(200).optional(),
        comment: z.string().trim().max(5000).default(''),
      })
      .strict(),
    output: z.object({ caseId: z.number().int(), confirmed: z.number().int(), created: z.boolean() }),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
  'alerts.assignees': method({
    summary: 'Accounts alerts can be assigned to (they hold the triage permission).',
    input: noInput,
    output: z.array(z.object({ id: z.number().int(), name: z.string() })),
    permission: 'triageAlerts',
    audit: 'alerts',
  }),
};
