/**
 * The policy wizard's form state: what each step edits, how it turns into `policies.create` /
 * `policies.update` input, how an existing policy becomes a draft, and which step is invalid.
 */
import { INDICATORS, type AlertVolume, type IndicatorId, type PolicyState, type TemplateId, type Thresholds } from '../../../../shared/detection';
import { boostersInput, triggerOptionsInput, type TriggerOptions, type MethodInput, type MethodOutput, type PolicyScopeAttribute, type PolicyView } from '../../../../shared/contract';

/** A template as `policies.templates` describes it. */
export type TemplateView = MethodOutput<'policies.templates'>[number];

/** The wizard's steps, in order. */
export const WIZARD_STEPS = ['template', 'name', 'scope', 'content', 'indicators', 'thresholds', 'options', 'review'] as const;
/** One wizard step. */
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** An attribute filter as the form holds it. */
export interface AttributeFilterDraft {
  attribute: PolicyScopeAttribute;
  values: string[];
}

/** A person already named by the policy (shown as the backend returns them, pseudonymized or not). */
export interface NamedPerson {
  id: number;
  displayName: string;
}

/** Everything the wizard edits. */
export interface PolicyDraft {
  template: TemplateId | null;
  name: string;
  description: string;
  scope: {
    everyone: boolean;
    groupIds: number[];
    attributes: AttributeFilterDraft[];
    pilotGroupId: number | null;
    persons: NamedPerson[];
    personKeys: string[];
    exclude: { groupIds: number[]; attributes: AttributeFilterDraft[]; persons: NamedPerson[]; personKeys: string[] };
    priorityGroupIds: number[];
  };
  priorityContent: { enabled: boolean; extensions: string[]; keywords: string[]; labels: string[]; scoreOnlyPriorityContent: boolean };
  indicatorIds: IndicatorId[];
  customThresholds: boolean;
  thresholds: Partial<Record<IndicatorId, Thresholds>>;
  aboveUsual: IndicatorId[];
  triggers: TriggerOptions;
  activationDays: number;
  pastDays: number;
  boosters: { unusualActivity: boolean; previousViolation: boolean; priorityUser: boolean; highImpact: boolean };
  sequenceDetection: boolean;
  cumulativeExfiltration: boolean;
  alertVolume: AlertVolume | null;
  state: PolicyState;
}

/** A blank draft (no template chosen yet). */
export function emptyDraft(): PolicyDraft {
  return {
    template: null,
    name: '',
    description: '',
    scope: {
      everyone: true,
      groupIds: [],
      attributes: [],
      pilotGroupId: null,
      persons: [],
      personKeys: [],
      exclude: { groupIds: [], attributes: [], persons: [], personKeys: [] },
      priorityGroupIds: [],
    },
    priorityContent: { enabled: false, extensions: [], keywords: [], labels: [], scoreOnlyPriorityContent: false },
    indicatorIds: [],
    customThresholds: false,
    thresholds: {},
    aboveUsual: [],
    // The contract's defaults, so the wizard starts where the CLI and the backend do.
    triggers: triggerOptionsInput.parse({}),
    activationDays: 30,
    pastDays: 30,
    boosters: boostersInput.parse({}),
    sequenceDetection: true,
    cumulativeExfiltration: true,
    alertVolume: null,
    state: 'active',
  };
}

/** The draft with a template chosen: its default indicators and timeframes. */
export function withTemplate(draft: PolicyDraft, template: TemplateView): PolicyDraft {
  return {
    ...draft,
    template: template.id,
    indicatorIds: [...template.defaultIndicators],
    activationDays: template.defaultActivationDays,
    pastDays: template.defaultPastDays,
    sequenceDetection: template.dataTemplate,
    cumulativeExfiltration: template.dataTemplate,
    customThresholds: false,
    thresholds: {},
    aboveUsual: [],
  };
}

/** An existing policy as a draft (for editing; name and template stay fixed). */
export function draftFromPolicy(policy: PolicyView): PolicyDraft {
  const custom = policy.indicators.filter((indicator) => indicator.custom && indicator.thresholds);
  return {
    template: policy.template,
    name: policy.name,
    description: policy.description,
    scope: {
      everyone: policy.scope.everyone,
      groupIds: policy.scope.groups.map((group) => group.id),
      attributes: policy.scope.attributes.map((filter) => ({ attribute: filter.attribute, values: [...filter.values] })),
      pilotGroupId: policy.scope.pilotGroup?.id ?? null,
      persons: policy.scope.persons.map((person) => ({ id: person.id, displayName: person.displayName })),
      personKeys: [],
      exclude: {
        groupIds: policy.scope.exclude.groups.map((group) => group.id),
        attributes: policy.scope.exclude.attributes.map((filter) => ({ attribute: filter.attribute, values: [...filter.values] })),
        persons: policy.scope.exclude.persons.map((person) => ({ id: person.id, displayName: person.displayName })),
        personKeys: [],
      },
      priorityGroupIds: policy.scope.priorityGroups.map((group) => group.id),
    },
    priorityContent: {
      enabled: policy.priorityContent.extensions.length + policy.priorityContent.keywords.length + policy.priorityContent.labels.length > 0,
      extensions: [...policy.priorityContent.extensions],
      keywords: [...policy.priorityContent.keywords],
      labels: [...policy.priorityContent.labels],
      scoreOnlyPriorityContent: policy.priorityContent.scoreOnlyPriorityContent,
    },
    indicatorIds: policy.indicators.map((indicator) => indicator.id),
    customThresholds: custom.length > 0 || policy.indicators.some((indicator) => indicator.aboveUsual),
    thresholds: Object.fromEntries(custom.map((indicator) => [indicator.id, { ...indicator.thresholds! }])),
    aboveUsual: policy.indicators.filter((indicator) => indicator.aboveUsual).map((indicator) => indicator.id),
    triggers: triggerOptionsOf(policy.triggers),
    activationDays: policy.activationDays,
    pastDays: policy.pastDays,
    boosters: { ...policy.boosters },
    sequenceDetection: policy.sequenceDetection,
    cumulativeExfiltration: policy.cumulativeExfiltration,
    alertVolume: policy.alertVolume,
    state: policy.state,
  };
}

/** True for indicators measured by daily counts (the others take the source alert's severity). */
export function hasThresholds(id: IndicatorId): boolean {
  return INDICATORS[id].measure === 'count';
}

function scopeInput(draft: PolicyDraft) {
  const { scope } = draft;
  const cleanFilters = (filters: AttributeFilterDraft[]) => filters.filter((filter) => filter.values.length > 0);
  return {
    everyone: scope.everyone,
    groupIds: scope.everyone ? [] : scope.groupIds,
    attributes: scope.everyone ? [] : cleanFilters(scope.attributes),
    pilotGroupId: scope.everyone ? null : scope.pilotGroupId,
    personIds: scope.everyone ? [] : scope.persons.map((person) => person.id),
    personKeys: scope.everyone ? [] : scope.personKeys,
    exclude: {
      groupIds: scope.exclude.groupIds,
      attributes: cleanFilters(scope.exclude.attributes),
      personIds: scope.exclude.persons.map((person) => person.id),
      personKeys: scope.exclude.personKeys,
    },
    priorityGroupIds: scope.priorityGroupIds,
  };
}

/** The scope part of the draft as `policies.previewScope` takes it. */
export function scopePreviewInput(draft: PolicyDraft): MethodInput<'policies.previewScope'> | null {
  if (!draft.template) return null;
  return { template: draft.template, scope: scopeInput(draft) };
}

function indicatorsInput(draft: PolicyDraft, template: TemplateView | undefined) {
  const defaults = template?.defaultIndicators ?? [];
  const sameAsDefaults = draft.indicatorIds.length === defaults.length && defaults.every((id) => draft.indicatorIds.includes(id));
  const anyCustom = draft.customThresholds && draft.indicatorIds.some((id) => draft.thresholds[id] || draft.aboveUsual.includes(id));
  // Null keeps the template's indicators with the thresholds of Settings (they follow later changes there).
  if (sameAsDefaults && !anyCustom) return null;
  return draft.indicatorIds.map((id) => ({
    id,
    thresholds: draft.customThresholds && hasThresholds(id) ? (draft.thresholds[id] ?? null) : null,
    aboveUsual: draft.customThresholds && hasThresholds(id) && draft.aboveUsual.includes(id),
  }));
}

function editableInput(draft: PolicyDraft, template: TemplateView | undefined) {
  const content = draft.priorityContent.enabled ? draft.priorityContent : { extensions: [], keywords: [], labels: [], scoreOnlyPriorityContent: false };
  return {
    description: draft.description.trim(),
    scope: scopeInput(draft),
    priorityContent: {
      extensions: content.extensions,
      keywords: content.keywords,
      labels: content.labels,
      scoreOnlyPriorityContent: content.scoreOnlyPriorityContent,
    },
    indicators: indicatorsInput(draft, template),
    triggers: draft.triggers,
    activationDays: draft.activationDays,
    pastDays: draft.pastDays,
    boosters: draft.boosters,
    sequenceDetection: draft.sequenceDetection,
    cumulativeExfiltration: draft.cumulativeExfiltration,
    alertVolume: draft.alertVolume,
    state: draft.state,
  };
}

/** The `policies.create` input of a complete draft. */
export function createInputOf(draft: PolicyDraft, template: TemplateView | undefined): MethodInput<'policies.create'> {
  return { template: draft.template!, name: draft.name.trim(), ...editableInput(draft, template) };
}

/** The `policies.update` input of an edited draft (template and name are fixed). */
export function updateInputOf(id: number, draft: PolicyDraft, template: TemplateView | undefined): MethodInput<'policies.update'> {
  return { id, ...editableInput(draft, template) };
}

/** Validation problems the wizard names (i18n keys under `policies.validation`). */
export type ValidationKey =
  | 'templateRequired'
  | 'nameRequired'
  | 'nameTooLong'
  | 'descriptionTooLong'
  | 'scopeRequired'
  | 'contentRequired'
  | 'tooManyExtensions'
  | 'badExtension'
  | 'keywordTooShort'
  | 'indicatorsRequired'
  | 'thresholdRange'
  | 'thresholdOrder'
  | 'activationRange'
  | 'pastRange'
  | 'triggerRequired';

/** Validation problems per field of one step. */
export type StepErrors = Partial<Record<string, ValidationKey>>;

/** What is wrong with a step of the draft (empty when it may be left). */
export function validateStep(step: WizardStep, draft: PolicyDraft, template: TemplateView | undefined): StepErrors {
  const errors: StepErrors = {};
  switch (step) {
    case 'template':
      if (!draft.template) errors.template = 'templateRequired';
      break;
    case 'name':
      if (!draft.name.trim()) errors.name = 'nameRequired';
      else if (draft.name.trim().length > 200) errors.name = 'nameTooLong';
      if (draft.description.length > 2000) errors.description = 'descriptionTooLong';
      break;
    case 'scope': {
      const { scope } = draft;
      const chosen =
        scope.groupIds.length + scope.attributes.filter((filter) => filter.values.length > 0).length + scope.persons.length + scope.personKeys.length + (scope.pilotGroupId ? 1 : 0);
      if (!scope.everyone && chosen === 0) errors.scope = 'scopeRequired';
      break;
    }
    case 'content':
      if (draft.priorityContent.enabled) {
        const { extensions, keywords, labels } = draft.priorityContent;
        if (extensions.length + keywords.length + labels.length === 0) errors.content = 'contentRequired';
        if (extensions.length > 50) errors.extensions = 'tooManyExtensions';
        if (extensions.some((extension) => !/^\*?\.?[a-z0-9_-]{1,16}$/i.test(extension.trim()))) errors.extensions = 'badExtension';
        if (keywords.some((keyword) => keyword.trim().length < 2)) errors.keywords = 'keywordTooShort';
      }
      break;
    case 'indicators':
      if (draft.indicatorIds.length === 0) errors.indicators = 'indicatorsRequired';
      break;
    case 'thresholds':
      if (draft.customThresholds) {
        for (const id of draft.indicatorIds) {
          const value = draft.thresholds[id];
          if (!value) continue;
          if (![value.low, value.medium, value.high].every((n) => Number.isInteger(n) && n >= 1 && n <= 100_000)) errors[id] = 'thresholdRange';
          else if (!(value.low <= value.medium && value.medium <= value.high)) errors[id] = 'thresholdOrder';
        }
      }
      break;
    case 'options':
      if (!Number.isInteger(draft.activationDays) || draft.activationDays < 1 || draft.activationDays > 30) errors.activationDays = 'activationRange';
      if (!Number.isInteger(draft.pastDays) || draft.pastDays < 0 || draft.pastDays > 90) errors.pastDays = 'pastRange';
      if (template?.triggers.includes('dlpAlert') && !draft.triggers.dlp && !draft.triggers.exfiltration) errors.triggers = 'triggerRequired';
      break;
    case 'review':
      break;
  }
  return errors;
}

/** The first step with a problem, or null when the whole draft is valid. */
export function firstInvalidStep(draft: PolicyDraft, template: TemplateView | undefined): WizardStep | null {
  return WIZARD_STEPS.find((step) => Object.keys(validateStep(step, draft, template)).length > 0) ?? null;
}

/** A policy's trigger options without the template's trigger kinds (what the wizard edits). */
function triggerOptionsOf({ kinds: _kinds, ...options }: PolicyView['triggers']): TriggerOptions {
  return options;
}
