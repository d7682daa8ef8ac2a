/**
 * Contract: policies from templates (the wizard, edit, copy, delete, pause/resume, test mode, manual
 * additions), priority user and pilot groups, policy health, and scoring runs (DOMAIN.md §5).
 */
import { z } from 'zod';
import {
  ALERT_VOLUMES,
  HEALTH_DATA_SOURCES,
  IMPACT_LEVELS,
  INDICATOR_IDS,
  POLICY_HEALTH_STATES,
  POLICY_STATES,
  TEMPLATE_IDS,
  TEMPLATE_PREREQUISITES,
  TRIGGER_KINDS,
} from '../detection';
import { personView } from './persons';
import { thresholdsSchema } from './settings';
import { done, method, noInput } from './spec';

/** Person attributes a policy scope can filter on. */
export const POLICY_SCOPE_ATTRIBUTES = ['region', 'country', 'businessUnit', 'department', 'title'] as const;
export type PolicyScopeAttribute = (typeof POLICY_SCOPE_ATTRIBUTES)[number];

const id = z.number().int().positive();
const attributeFilter = z.object({
  attribute: z.enum(POLICY_SCOPE_ATTRIBUTES),
  values: z.array(z.string().trim().min(1).max(200)).min(1).max(200),
});
/** Persons are named by id, or by key (e-mail / UPN / user id) as in a CSV of user principal names. */
export const personRefs = {
  personIds: z.array(id).max(10_000).default([]),
  personKeys: z.array(z.string().trim().min(1).max(320)).max(10_000).default([]),
};

/** People in scope (wizard step 3): everyone, or any of groups / attribute filters / a pilot group / listed persons; then exclusions. */
export const policyScopeInput = z
  .object({
    everyone: z.boolean().default(true),
    groupIds: z.array(id).max(100).default([]),
    attributes: z.array(attributeFilter).max(20).default([]),
    pilotGroupId: id.nullable().default(null),
    ...personRefs,
    exclude: z
      .object({
        groupIds: z.array(id).max(100).default([]),
        attributes: z.array(attributeFilter).max(20).default([]),
        ...personRefs,
      })
      .strict()
      .default({ groupIds: [], attributes: [], personIds: [], personKeys: [] }),
    /** Priority templates: the priority user groups scored (empty: every priority group). */
    priorityGroupIds: z.array(id).max(100).default([]),
  })
  .strict();
export type PolicyScopeInput = z.input<typeof policyScopeInput>;

/** Priority content (wizard step 4) and whether only activity touching it is scored (step 5). */
export const priorityContentInput = z
  .object({
    extensions: z
      .array(
        z
          .string()
          .trim()
          .transform((t) => t.toLowerCase().replace(/^\*?\./, ''))
          .pipe(z.string().regex(/^[a-z0-9_-]{1,16}$/)),
      )
      .max(50)
      .default([]),
    keywords: z.array(z.string().trim().min(2).max(200)).max(100).default([]),
    labels: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    scoreOnlyPriorityContent: z.boolean().default(false),
  })
  .strict();

/** One indicator chosen for the policy with optional custom thresholds or "above usual". */
export const policyIndicatorInput = z
  .object({
    id: z.enum(INDICATOR_IDS),
    thresholds: thresholdsSchema.nullable().default(null),
    aboveUsual: z.boolean().default(false),
  })
  .strict();

/** Triggers (wizard step 6). */
export const triggerOptionsInput = z
  .object({
    dlp: z.boolean().default(true),
    dlpMinSeverity: z.enum(IMPACT_LEVELS).default('high'),
    exfiltration: z.boolean().default(true),
    exfiltrationLevel: z.enum(IMPACT_LEVELS).default('high'),
    securityMinSeverity: z.enum(IMPACT_LEVELS).default('medium'),
    /** Security templates: returning to another person's device on a second day within 30 days also triggers. */
    securityActivity: z.boolean().default(true),
    securityActivityLevel: z.enum(IMPACT_LEVELS).default('low'),
  })
  .strict();
/** A policy's trigger options, defaults filled. */
export type TriggerOptions = z.output<typeof triggerOptionsInput>;

/** Risk score boosters a policy applies (wizard step 8). */
export const boostersInput = z
  .object({
    unusualActivity: z.boolean().default(true),
    previousViolation: z.boolean().default(true),
    priorityUser: z.boolean().default(true),
    highImpact: z.boolean().default(true),
  })
  .strict();

/** The editable fields of a policy (everything but template and name). */
const editableFields = {
  description: z.string().trim().max(2000),
  scope: policyScopeInput,
  priorityContent: priorityContentInput,
  /** Null: the template's default indicators with default thresholds. */
  indicators: z.array(policyIndicatorInput).max(INDICATOR_IDS.length).nullable(),
  triggers: triggerOptionsInput,
  activationDays: z.number().int().min(1).max(30),
  /** Null: the template's default. */
  pastDays: z.number().int().min(0).max(90).nullable(),
  boosters: boostersInput,
  sequenceDetection: z.boolean(),
  cumulativeExfiltration: z.boolean(),
  alertVolume: z.enum(ALERT_VOLUMES).nullable(),
  state: z.enum(POLICY_STATES),
};

/** The wizard's fields: template and name (fixed afterwards) and everything else, with defaults. */
export const policyCreateInput = z
  .object({
    template: z.enum(TEMPLATE_IDS),
    name: z.string().trim().min(1).max(200),
    description: editableFields.description.default(''),
    scope: editableFields.scope.default({
      everyone: true,
      groupIds: [],
      attributes: [],
      pilotGroupId: null,
      personIds: [],
      personKeys: [],
      exclude: { groupIds: [], attributes: [], personIds: [], personKeys: [] },
      priorityGroupIds: [],
    }),
    priorityContent: editableFields.priorityContent.default({
      extensions: [],
      keywords: [],
      labels: [],
      scoreOnlyPriorityContent: false,
    }),
    indicators: editableFields.indicators.default(null),
    triggers: editableFields.triggers.default({
      dlp: true,
      dlpMinSeverity: 'high',
      exfiltration: true,
      exfiltrationLevel: 'high',
      securityMinSeverity: 'medium',
      securityActivity: true,
      securityActivityLevel: 'low',
    }),
    activationDays: editableFields.activationDays.default(30),
    pastDays: editableFields.pastDays.default(null),
    boosters: editableFields.boosters.default({
      unusualActivity: true,
      previousViolation: true,
      priorityUser: true,
      highImpact: true,
    }),
    sequenceDetection: editableFields.sequenceDetection.default(true),
    cumulativeExfiltration: editableFields.cumulativeExfiltration.default(true),
    alertVolume: editableFields.alertVolume.default(null),
    state: editableFields.state.default('active'),
  })
  .strict();
export type PolicyCreateInput = z.input<typeof policyCreateInput>;

/** A policy change: any field but template and name. */
export const policyUpdateInput = z
  .object({
    id,
    description: editableFields.description.optional(),
    scope: editableFields.scope.optional(),
    priorityContent: editableFields.priorityContent.optional(),
    indicators: editableFields.indicators.optional(),
    triggers: editableFields.triggers.optional(),
    activationDays: editableFields.activationDays.optional(),
    pastDays: editableFields.pastDays.optional(),
    boosters: editableFields.boosters.optional(),
    sequenceDetection: editableFields.sequenceDetection.optional(),
    cumulativeExfiltration: editableFields.cumulativeExfiltration.optional(),
    alertVolume: editableFields.alertVolume.optional(),
    state: editableFields.state.optional(),
  })
  .strict();

const healthIssue = z.object({
  code: z.enum([
    'missingDataSource',
    'staleDataSource',
    'noIndicators',
    'indicatorsDisabled',
    'nobodyInScope',
    'triggerTooBroad',
    'noPriorityGroups',
    'paused',
    'notScored',
  ]),
  level: z.enum(['warning', 'recommendation']),
  /** The issue in English (CLI, logs); the UI words it from code, source, indicators and params. */
  message: z.string(),
  /** The data source a missingDataSource / staleDataSource issue is about, else null. */
  source: z.enum(HEALTH_DATA_SOURCES).nullable(),
  /** The indicators an indicatorsDisabled issue is about (else empty). */
  indicators: z.array(z.enum(INDICATOR_IDS)),
  /**
   * The numbers and flags of the message: missingDataSource {optional}, staleDataSource {days},
   * indicatorsDisabled {count, all}, triggerTooBroad {percent, limit}; other codes have none.
   */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

/** A person added to a policy by hand and not removed: each addition is its own scoring window. */
export const manualAdditionView = z.object({
  id: z.number().int(),
  person: personView,
  addedAt: z.number().int(),
  /** When the window ends (addedAt + days); later additions of the same person have their own. */
  until: z.number().int(),
  days: z.number().int(),
  reason: z.string(),
  addedBy: z.string().nullable(),
});
export type ManualAdditionView = z.infer<typeof manualAdditionView>;

/** A policy as the Policies page shows it. */
export const policyView = z.object({
  id: z.number().int(),
  template: z.enum(TEMPLATE_IDS),
  templateName: z.string(),
  name: z.string(),
  description: z.string(),
  state: z.enum(POLICY_STATES),
  scope: z.object({
    everyone: z.boolean(),
    groups: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['priority', 'pilot']) })),
    attributes: z.array(attributeFilter),
    pilotGroup: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    persons: z.array(personView),
    exclude: z.object({
      groups: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['priority', 'pilot']) })),
      attributes: z.array(attributeFilter),
      persons: z.array(personView),
    }),
    priorityGroups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  }),
  /** Persons added by hand (policies.addPersons) that this account may see, newest first. */
  manualAdditions: z.array(manualAdditionView),
  priorityContent: z.object({
    extensions: z.array(z.string()),
    keywords: z.array(z.string()),
    labels: z.array(z.string()),
    scoreOnlyPriorityContent: z.boolean(),
  }),
  indicators: z.array(
    z.object({
      id: z.enum(INDICATOR_IDS),
      name: z.string(),
      category: z.string(),
      thresholds: z.object({ low: z.number(), medium: z.number(), high: z.number() }).nullable(),
      custom: z.boolean(),
      aboveUsual: z.boolean(),
      globallyEnabled: z.boolean(),
    }),
  ),
  triggers: z.object({
    kinds: z.array(z.enum(TRIGGER_KINDS)),
    dlp: z.boolean(),
    dlpMinSeverity: z.enum(IMPACT_LEVELS),
    exfiltration: z.boolean(),
    exfiltrationLevel: z.enum(IMPACT_LEVELS),
    securityMinSeverity: z.enum(IMPACT_LEVELS),
    securityActivity: z.boolean(),
    securityActivityLevel: z.enum(IMPACT_LEVELS),
  }),
  activationDays: z.number().int(),
  pastDays: z.number().int(),
  boosters: z.object({
    unusualActivity: z.boolean(),
    previousViolation: z.boolean(),
    priorityUser: z.boolean(),
    highImpact: z.boolean(),
  }),
  sequenceDetection: z.boolean(),
  cumulativeExfiltration: z.boolean(),
  alertVolume: z.enum(ALERT_VOLUMES).nullable(),
  effectiveAlertVolume: z.enum(ALERT_VOLUMES),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  health: z.object({ state: z.enum(POLICY_HEALTH_STATES), issues: z.array(healthIssue) }),
  stats: z.object({
    inScope: z.number().int(),
    triggered: z.number().int(),
    manual: z.number().int(),
    activeAlerts: z.number().int(),
    confirmedAlerts: z.number().int(),
    dismissedAlerts: z.number().int(),
    /** confirmed ÷ (confirmed + dismissed), null before any triage. */
    effectiveness: z.number().nullable(),
  }),
});
export type PolicyView = z.infer<typeof policyView>;

/** A policy template as the wizard's first step shows it. */
export const templateView = z.object({
  id: z.enum(TEMPLATE_IDS),
  name: z.string(),
  description: z.string(),
  triggers: z.array(z.enum(TRIGGER_KINDS)),
  population: z.enum(['everyone', 'departing', 'priority', 'risky']),
  dataTemplate: z.boolean(),
  defaultIndicators: z.array(z.enum(INDICATOR_IDS)),
  defaultActivationDays: z.number().int(),
  defaultPastDays: z.number().int(),
  /** Why a policy of this template would not work yet (e.g. no HR data). */
  prerequisites: z.array(
    z.object({
      met: z.boolean(),
      /** What is needed, for the UI to word. */
      what: z.enum(TEMPLATE_PREREQUISITES),
      /** The same in English (CLI). */
      message: z.string(),
    }),
  ),
});

/** A policy template as the wizard shows it. */
export type TemplateView = z.infer<typeof templateView>;

const manualAddition = z.object({
  policyId: id,
  ...personRefs,
  days: z.number().int().min(5).max(30),
  reason: z.string().trim().min(3).max(1000),
});

/** Contract entries of the Policies page. */
export const policyMethods = {
  'policies.templates': method({
    summary: 'The policy templates, their triggers, default indicators and whether their data sources exist.',
    input: noInput,
    output: z.array(templateView),
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.list': method({
    summary: 'Every policy (not deleted) with its health and counts.',
    input: noInput,
    output: z.array(policyView),
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.get': method({
    summary: 'One policy with its health and counts.',
    input: z.object({ id }).strict(),
    output: policyView,
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.previewScope': method({
    summary: 'How many persons a scope would include and how many of them have a trigger now (wizard review).',
    input: z.object({ template: z.enum(TEMPLATE_IDS), scope: policyScopeInput }).strict(),
    output: z.object({ inScope: z.number().int(), triggered: z.number().int(), unknownPersonKeys: z.array(z.string()) }),
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.create': method({
    summary: 'Create a policy from a template (the wizard); a full re-score follows.',
    input: policyCreateInput,
    output: policyView,
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.update': method({
    summary: 'Change a policy (template and name are fixed); a full re-score follows.',
    input: policyUpdateInput,
    output: policyView,
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.setState': method({
    summary: 'Activate, pause (stops scoring) or put a policy in test mode (alerts kept out of the main queue).',
    input: z.object({ id, state: z.enum(POLICY_STATES) }).strict(),
    output: policyView,
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.copy': method({
    summary: 'Copy a policy under a new name (same template and settings, no manual additions).',
    input: z.object({ id, name: z.string().trim().min(1).max(200) }).strict(),
    output: policyView,
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.delete': method({
    summary: 'Delete a policy; its alerts are kept.',
    input: z.object({ id }).strict(),
    output: done,
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.addPersons': method({
    summary: 'Start scoring persons for a policy by hand for 5–30 days with a reason (skips the trigger).',
    input: manualAddition.strict(),
    output: z.object({ added: z.number().int(), unknownPersonKeys: z.array(z.string()) }),
    permission: 'configure',
    audit: 'policies',
  }),
  'policies.removePerson': method({
    summary: 'Stop scoring a person added by hand.',
    input: z.object({ policyId: id, personId: id, reason: z.string().trim().min(3).max(1000).optional() }).strict(),
    output: done,
    permission: 'configure',
    audit: 'policies',
  }),
};
