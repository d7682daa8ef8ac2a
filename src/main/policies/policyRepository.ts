/**
 * Policies in the store: create from a template (the wizard's fields), update everything but
 * template and name, state changes, copy, soft delete (alerts are kept), manual additions, and the
 * definitions scoring reads. Persons are resolved by id or key and only when visible to the caller.
 */
import { z } from 'zod';
import type { Database } from '../store/database';
import { ApiFailure } from '../../shared/errors';
import {
  INDICATORS,
  TEMPLATES,
  type AlertVolume,
  type ImpactLevel,
  type IndicatorId,
  type PolicyState,
  type TemplateId,
  type Thresholds,
} from '../../shared/detection';
import {
  policyCreateInput,
  policyScopeInput,
  policyUpdateInput,
  priorityContentInput,
  type PolicyScopeAttribute,
} from '../../shared/contract/policies';
import { describeScoringReason, type ScoringReason } from '../../shared/contract/scoring';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { DAY_MS } from '../detection/model';

/** A policy's scope as scoring reads it. */
export interface PolicyScope {
  everyone: boolean;
  groupIds: number[];
  pilotGroupId: number | null;
  attributes: { attribute: PolicyScopeAttribute; values: string[] }[];
  personIds: number[];
  exclude: { groupIds: number[]; attributes: { attribute: PolicyScopeAttribute; values: string[] }[]; personIds: number[] };
  priorityGroupIds: number[];
}

/** Everything scoring needs about one policy. */
export interface PolicyDefinition {
  id: number;
  template: TemplateId;
  name: string;
  description: string;
  state: PolicyState;
  scope: PolicyScope;
  priorityContent: { extensions: string[]; keywords: string[]; labels: string[]; only: boolean };
  indicators: { id: IndicatorId; thresholds: Thresholds | null; aboveUsual: boolean }[];
  triggers: {
    dlp: boolean;
    dlpMinSeverity: ImpactLevel;
    exfiltration: boolean;
    exfiltrationLevel: ImpactLevel;
    securityMinSeverity: ImpactLevel;
    securityActivity: boolean;
    securityActivityLevel: ImpactLevel;
  };
  activationDays: number;
  pastDays: number;
  boosters: { unusualActivity: boolean; previousViolation: boolean; priorityUser: boolean; highImpact: boolean };
  sequenceDetection: boolean;
  cumulativeExfiltration: boolean;
  alertVolume: AlertVolume | null;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
}

interface PolicyRow {
  id: number;
  template: TemplateId;
  name: string;
  description: string;
  state: PolicyState;
  scope_everyone: number;
  priority_content_only: number;
  trigger_dlp: number;
  trigger_dlp_min_severity: ImpactLevel;
  trigger_exfiltration: number;
  trigger_exfiltration_level: ImpactLevel;
  trigger_security_min_severity: ImpactLevel;
  trigger_security_activity: number;
  trigger_security_activity_level: ImpactLevel;
  activation_days: number;
  past_days: number;
  booster_unusual: number;
  booster_previous_violation: number;
  booster_priority_user: number;
  booster_high_impact: number;
  sequence_detection: number;
  cumulative_exfiltration: number;
  alert_volume: AlertVolume | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const ATTRIBUTE_COLUMN: Record<PolicyScopeAttribute, string> = {
  region: 'region',
  country: 'country',
  businessUnit: 'business_unit',
  department: 'department',
  title: 'title',
};

/** The persons column of a scope attribute. */
export function attributeColumn(attribute: PolicyScopeAttribute): string {
  return ATTRIBUTE_COLUMN[attribute];
}

/** Reads one policy definition (deleted included), or null. */
export function readPolicy(db: Database, id: number): PolicyDefinition | null {
  const row = db.prepare('SELECT * FROM policies WHERE id = @id').get({ id }) as PolicyRow | undefined;
  if (!row) return null;
  const rules = db
    .prepare(
      'SELECT effect, kind, group_id AS groupId, attribute, value, person_id AS personId FROM policy_scope_rules WHERE policy_id = @id ORDER BY id',
    )
    .all({ id }) as {
    effect: 'include' | 'exclude';
    kind: string;
    groupId: number | null;
    attribute: PolicyScopeAttribute | null;
    value: string | null;
    personId: number | null;
  }[];
  const attributesOf = (effect: 'include' | 'exclude') => {
    const map = new Map<PolicyScopeAttribute, string[]>();
    for (const rule of rules)
      if (rule.effect === effect && rule.kind === 'attribute')
        map.set(rule.attribute!, [...(map.get(rule.attribute!) ?? []), rule.value!]);
    return [...map].map(([attribute, values]) => ({ attribute, values }));
  };
  const pick = (effect: 'include' | 'exclude', kind: string, field: 'groupId' | 'personId') =>
    rules.filter((rule) => rule.effect === effect && rule.kind === kind).map((rule) => rule[field]!);
  const content = db
    .prepare('SELECT kind, value FROM policy_priority_content WHERE policy_id = @id ORDER BY kind, value')
    .all({ id }) as { kind: string; value: string }[];
  const indicators = db
    .prepare('SELECT indicator, low, medium, high, above_usual AS aboveUsual FROM policy_indicators WHERE policy_id = @id')
    .all({ id }) as { indicator: IndicatorId; low: number | null; medium: number | null; high: number | null; aboveUsual: number }[];
  const order = new Map(Object.keys(INDICATORS).map((key, index) => [key, index]));
  return {
    id: row.id,
    template: row.template,
    name: row.name,
    description: row.description,
    state: row.state,
    scope: {
      everyone: row.scope_everyone === 1,
      groupIds: pick('include', 'group', 'groupId'),
      pilotGroupId: pick('include', 'pilot', 'groupId')[0] ?? null,
      attributes: attributesOf('include'),
      personIds: pick('include', 'person', 'personId'),
      exclude: {
        groupIds: pick('exclude', 'group', 'groupId'),
        attributes: attributesOf('exclude'),
        personIds: pick('exclude', 'person', 'personId'),
      },
      priorityGroupIds: db
        .prepare('SELECT group_id FROM policy_priority_groups WHERE policy_id = @id ORDER BY group_id')
        .pluck()
        .all({ id }) as number[],
    },
    priorityContent: {
      extensions: content.filter((c) => c.kind === 'extension').map((c) => c.value),
      keywords: content.filter((c) => c.kind === 'keyword').map((c) => c.value),
      labels: content.filter((c) => c.kind === 'label').map((c) => c.value),
      only: row.priority_content_only === 1,
    },
    indicators: indicators
      .filter((i) => i.indicator in INDICATORS)
      .sort((x, y) => order.get(x.indicator)! - order.get(y.indicator)!)
      .map((i) => ({
        id: i.indicator,
        thresholds: i.low === null ? null : { low: i.low, medium: i.medium!, high: i.high! },
        aboveUsual: i.aboveUsual === 1,
      })),
    triggers: {
      dlp: row.trigger_dlp === 1,
      dlpMinSeverity: row.trigger_dlp_min_severity,
      exfiltration: row.trigger_exfiltration === 1,
      exfiltrationLevel: row.trigger_exfiltration_level,
      securityMinSeverity: row.trigger_security_min_severity,
      securityActivity: row.trigger_security_activity === 1,
      securityActivityLevel: row.trigger_security_activity_level,
    },
    activationDays: row.activation_days,
    pastDays: row.past_days,
    boosters: {
      unusualActivity: row.booster_unusual === 1,
      previousViolation: row.booster_previous_violation === 1,
      priorityUser: row.booster_priority_user === 1,
      highImpact: row.booster_high_impact === 1,
    },
    sequenceDetection: row.sequence_detection === 1,
    cumulativeExfiltration: row.cumulative_exfiltration === 1,
    alertVolume: row.alert_volume,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deleted: row.deleted_at !== null,
  };
}

/** A live (not deleted) policy, or NOT_FOUND. */
export function requirePolicy(db: Database, id: number): PolicyDefinition {
  const policy = readPolicy(db, id);
  if (!policy || policy.deleted) throw new ApiFailure('NOT_FOUND', `No policy with id ${id}.`);
  return policy;
}

/** Ids of live policies, in id order. */
export function livePolicyIds(db: Database): number[] {
  return db.prepare('SELECT id FROM policies WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
}

/** Policies that score (active or test mode), in id order. */
export function scoringPolicies(db: Database): PolicyDefinition[] {
  return (
    db
      .prepare("SELECT id FROM policies WHERE deleted_at IS NULL AND state IN ('active', 'test') ORDER BY id")
      .pluck()
      .all() as number[]
  ).map((id) => readPolicy(db, id)!);
}

/** Resolves person ids and keys to visible person ids; unknown (or invisible) keys are returned, unknown ids refused. */
export function resolvePersons(
  db: Database,
  principal: Principal,
  refs: { personIds: number[]; personKeys: string[] },
): { ids: number[]; unknownKeys: string[] } {
  const visibility = personVisibility(principal);
  const byId = db.prepare(`SELECT p.id FROM persons p WHERE p.id = @id AND ${visibility.sql}`);
  const byKey = db.prepare(
    `SELECT p.id FROM persons p WHERE ${visibility.sql} AND (p.key = lower(@key) OR p.id IN (SELECT person_id FROM person_identifiers WHERE value = @key))`,
  );
  const ids = new Set<number>();
  for (const id of refs.personIds) {
    if (!byId.get({ ...visibility.params, id })) throw new ApiFailure('NOT_FOUND', `No person with id ${id}.`);
    ids.add(id);
  }
  const unknownKeys: string[] = [];
  for (const key of refs.personKeys) {
    const row = byKey.get({ ...visibility.params, key }) as { id: number } | undefined;
    if (row) ids.add(row.id);
    else unknownKeys.push(key);
  }
  return { ids: [...ids].sort((x, y) => x - y), unknownKeys };
}

/** Person ids of a policy rule list that the principal may not see (kept untouched on update). */
function hiddenPersonIds(db: Database, principal: Principal, ids: number[]): number[] {
  if (ids.length === 0) return [];
  const visibility = personVisibility(principal);
  const visible = new Set(
    db
      .prepare(`SELECT p.id FROM persons p WHERE p.id IN (SELECT value FROM json_each(@ids)) AND ${visibility.sql}`)
      .pluck()
      .all({ ...visibility.params, ids: JSON.stringify(ids) }) as number[],
  );
  return ids.filter((id) => !visible.has(id));
}

function requireGroups(db: Database, ids: number[], kind?: 'priority' | 'pilot'): void {
  for (const id of ids) {
    const group = db.prepare('SELECT kind FROM person_groups WHERE id = @id').get({ id }) as { kind: string } | undefined;
    if (!group) throw new ApiFailure('NOT_FOUND', `No person group with id ${id}.`);
    if (kind && group.kind !== kind)
      throw new ApiFailure('INVALID_INPUT', `Group ${id} is a ${group.kind} group, not a ${kind} group.`);
  }
}

type ScopeOutput = z.output<typeof policyScopeInput>;
type ContentOutput = z.output<typeof priorityContentInput>;

/** Writes the scope rules and priority groups of a policy (replacing them); keeps persons the caller cannot see. */
function writeScope(
  db: Database,
  principal: Principal,
  policyId: number,
  scope: ScopeOutput,
  previous: PolicyScope | null,
): void {
  requireGroups(db, scope.groupIds);
  requireGroups(db, scope.exclude.groupIds);
  requireGroups(db, scope.priorityGroupIds, 'priority');
  if (scope.pilotGroupId !== null) requireGroups(db, [scope.pilotGroupId], 'pilot');
  const included = resolvePersons(db, principal, { personIds: scope.personIds, personKeys: scope.personKeys });
  const excluded = resolvePersons(db, principal, { personIds: scope.exclude.personIds, personKeys: scope.exclude.personKeys });
  const unknown = [...included.unknownKeys, ...excluded.unknownKeys];
  if (unknown.length > 0)
    throw new ApiFailure('NOT_FOUND', `No person with key ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' …' : ''}.`);
  const keepIncluded = previous ? hiddenPersonIds(db, principal, previous.personIds) : [];
  const keepExcluded = previous ? hiddenPersonIds(db, principal, previous.exclude.personIds) : [];
  db.prepare('DELETE FROM policy_scope_rules WHERE policy_id = @policyId').run({ policyId });
  db.prepare('DELETE FROM policy_priority_groups WHERE policy_id = @policyId').run({ policyId });
  const rule = db.prepare(
    `INSERT INTO policy_scope_rules (policy_id, effect, kind, group_id, attribute, value, person_id)
     VALUES (@policyId, @effect, @kind, @groupId, @attribute, @value, @personId)`,
  );
  const base = { policyId, groupId: null, attribute: null, value: null, personId: null };
  for (const groupId of scope.groupIds) rule.run({ ...base, effect: 'include', kind: 'group', groupId });
  if (scope.pilotGroupId !== null) rule.run({ ...base, effect: 'include', kind: 'pilot', groupId: scope.pilotGroupId });
  for (const filter of scope.attributes)
    for (const value of filter.values)
      rule.run({ ...base, effect: 'include', kind: 'attribute', attribute: filter.attribute, value });
  for (const personId of [...new Set([...included.ids, ...keepIncluded])])
    rule.run({ ...base, effect: 'include', kind: 'person', personId });
  for (const groupId of scope.exclude.groupIds) rule.run({ ...base, effect: 'exclude', kind: 'group', groupId });
  for (const filter of scope.exclude.attributes)
    for (const value of filter.values)
      rule.run({ ...base, effect: 'exclude', kind: 'attribute', attribute: filter.attribute, value });
  for (const personId of [...new Set([...excluded.ids, ...keepExcluded])])
    rule.run({ ...base, effect: 'exclude', kind: 'person', personId });
  const priority = db.prepare('INSERT INTO policy_priority_groups (policy_id, group_id) VALUES (@policyId, @groupId)');
  for (const groupId of new Set(scope.priorityGroupIds)) priority.run({ policyId, groupId });
}

function writeContent(db: Database, policyId: number, content: ContentOutput): void {
  db.prepare('DELETE FROM policy_priority_content WHERE policy_id = @policyId').run({ policyId });
  const insert = db.prepare('INSERT OR IGNORE INTO policy_priority_content (policy_id, kind, value) VALUES (@policyId, @kind, @value)');
  for (const value of content.extensions) insert.run({ policyId, kind: 'extension', value });
  for (const value of content.keywords) insert.run({ policyId, kind: 'keyword', value: value.toLowerCase() });
  for (const value of content.labels) insert.run({ policyId, kind: 'label', value });
}

function writeIndicators(
  db: Database,
  policyId: number,
  template: TemplateId,
  indicators: z.output<typeof policyCreateInput>['indicators'],
): void {
  db.prepare('DELETE FROM policy_indicators WHERE policy_id = @policyId').run({ policyId });
  const insert = db.prepare(
    'INSERT INTO policy_indicators (policy_id, indicator, low, medium, high, above_usual) VALUES (@policyId, @indicator, @low, @medium, @high, @aboveUsual)',
  );
  const chosen = indicators ?? TEMPLATES[template].defaultIndicators.map((id) => ({ id, thresholds: null, aboveUsual: false }));
  const seen = new Set<string>();
  for (const indicator of chosen) {
    if (seen.has(indicator.id)) throw new ApiFailure('INVALID_INPUT', `Indicator ${indicator.id} is listed twice.`);
    seen.add(indicator.id);
    if (indicator.thresholds && INDICATORS[indicator.id].measure === 'severity') {
      throw new ApiFailure(
        'INVALID_INPUT',
        `Indicator ${indicator.id} is scored by the alert's severity and takes no thresholds.`,
      );
    }
    insert.run({
      policyId,
      indicator: indicator.id,
      low: indicator.thresholds?.low ?? null,
      medium: indicator.thresholds?.medium ?? null,
      high: indicator.thresholds?.high ?? null,
      aboveUsual: indicator.aboveUsual ? 1 : 0,
    });
  }
}

function nameTaken(db: Database, name: string, exceptId: number | null): boolean {
  return !!db
    .prepare('SELECT 1 FROM policies WHERE name = @name COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT @exceptId')
    .get({ name, exceptId });
}

/** Creates a policy from the wizard's input; returns its id. Run inside a transaction. */
export function createPolicy(db: Database, principal: Principal, input: z.output<typeof policyCreateInput>, now: number): number {
  if (nameTaken(db, input.name, null)) throw new ApiFailure('CONFLICT', `A policy named "${input.name}" already exists.`);
  const template = TEMPLATES[input.template];
  const id = Number(
    db
      .prepare(
        `INSERT INTO policies (template, name, description, state, scope_everyone, priority_content_only, trigger_dlp, trigger_dlp_min_severity,
           trigger_exfiltration, trigger_exfiltration_level, trigger_security_min_severity, trigger_security_activity, trigger_security_activity_level, activation_days, past_days, booster_unusual,
           booster_previous_violation, booster_priority_user, booster_high_impact, sequence_detection, cumulative_exfiltration, alert_volume,
           created_at, created_by, updated_at)
         VALUES (@template, @name, @description, @state, @everyone, @contentOnly, @dlp, @dlpMinSeverity, @exfiltration, @exfiltrationLevel,
           @securityMinSeverity, @securityActivity, @securityActivityLevel, @activationDays, @pastDays, @unusual, @previousViolation, @priorityUser, @highImpact, @sequences, @cumulative,
           @alertVolume, @now, @accountId, @now)`,
      )
      .run({
        template: input.template,
        name: input.name,
        description: input.description,
        state: input.state,
        everyone: input.scope.everyone ? 1 : 0,
        contentOnly: input.priorityContent.scoreOnlyPriorityContent ? 1 : 0,
        dlp: input.triggers.dlp ? 1 : 0,
        dlpMinSeverity: input.triggers.dlpMinSeverity,
        exfiltration: input.triggers.exfiltration ? 1 : 0,
        exfiltrationLevel: input.triggers.exfiltrationLevel,
        securityMinSeverity: input.triggers.securityMinSeverity,
        securityActivity: input.triggers.securityActivity ? 1 : 0,
        securityActivityLevel: input.triggers.securityActivityLevel,
        activationDays: input.activationDays,
        pastDays: input.pastDays ?? template.defaultPastDays,
        unusual: input.boosters.unusualActivity ? 1 : 0,
        previousViolation: input.boosters.previousViolation ? 1 : 0,
        priorityUser: input.boosters.priorityUser ? 1 : 0,
        highImpact: input.boosters.highImpact ? 1 : 0,
        sequences: input.sequenceDetection && template.data ? 1 : 0,
        cumulative: input.cumulativeExfiltration && template.data ? 1 : 0,
        alertVolume: input.alertVolume,
        now,
        accountId: principal.accountId,
      }).lastInsertRowid,
  );
  writeScope(db, principal, id, input.scope, null);
  writeContent(db, id, input.priorityContent);
  writeIndicators(db, id, input.template, input.indicators);
  return id;
}

/** Applies an update (template and name are not part of it). Run inside a transaction. */
export function updatePolicy(db: Database, principal: Principal, input: z.output<typeof policyUpdateInput>, now: number): void {
  const policy = requirePolicy(db, input.id);
  const template = TEMPLATES[policy.template];
  const set: string[] = [];
  const params: Record<string, unknown> = { id: input.id, now };
  const column = (name: string, value: unknown) => {
    set.push(`${name} = @${name}`);
    params[name] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  };
  if (input.description !== undefined) column('description', input.description);
  if (input.state !== undefined) column('state', input.state);
  if (input.scope !== undefined) column('scope_everyone', input.scope.everyone);
  if (input.priorityContent !== undefined) column('priority_content_only', input.priorityContent.scoreOnlyPriorityContent);
  if (input.triggers !== undefined) {
    column('trigger_dlp', input.triggers.dlp);
    column('trigger_dlp_min_severity', input.triggers.dlpMinSeverity);
    column('trigger_exfiltration', input.triggers.exfiltration);
    column('trigger_exfiltration_level', input.triggers.exfiltrationLevel);
    column('trigger_security_min_severity', input.triggers.securityMinSeverity);
    column('trigger_security_activity', input.triggers.securityActivity);
    column('trigger_security_activity_level', input.triggers.securityActivityLevel);
  }
  if (input.activationDays !== undefined) column('activation_days', input.activationDays);
  if (input.pastDays !== undefined) column('past_days', input.pastDays ?? template.defaultPastDays);
  if (input.boosters !== undefined) {
    column('booster_unusual', input.boosters.unusualActivity);
    column('booster_previous_violation', input.boosters.previousViolation);
    column('booster_priority_user', input.boosters.priorityUser);
    column('booster_high_impact', input.boosters.highImpact);
  }
  if (input.sequenceDetection !== undefined) column('sequence_detection', input.sequenceDetection && template.data);
  if (input.cumulativeExfiltration !== undefined)
    column('cumulative_exfiltration', input.cumulativeExfiltration && template.data);
  if (input.alertVolume !== undefined) column('alert_volume', input.alertVolume);
  db.prepare(`UPDATE policies SET ${[...set, 'updated_at = @now'].join(', ')} WHERE id = @id`).run(params);
  if (input.scope !== undefined) writeScope(db, principal, input.id, input.scope, policy.scope);
  if (input.priorityContent !== undefined) writeContent(db, input.id, input.priorityContent);
  if (input.indicators !== undefined) writeIndicators(db, input.id, policy.template, input.indicators);
}

/** Copies a policy under a new name (no manual additions); returns the new id. Run inside a transaction. */
export function copyPolicy(db: Database, id: number, name: string, accountId: number, now: number): number {
  requirePolicy(db, id);
  if (nameTaken(db, name, null)) throw new ApiFailure('CONFLICT', `A policy named "${name}" already exists.`);
  const copy = Number(
    db
      .prepare(
        `INSERT INTO policies (template, name, description, state, scope_everyone, priority_content_only, trigger_dlp, trigger_dlp_min_severity,
           trigger_exfiltration, trigger_exfiltration_level, trigger_security_min_severity, trigger_security_activity, trigger_security_activity_level, activation_days, past_days, booster_unusual,
           booster_previous_violation, booster_priority_user, booster_high_impact, sequence_detection, cumulative_exfiltration, alert_volume,
           created_at, created_by, updated_at)
         SELECT template, @name, description, state, scope_everyone, priority_content_only, trigger_dlp, trigger_dlp_min_severity,
           trigger_exfiltration, trigger_exfiltration_level, trigger_security_min_severity, trigger_security_activity, trigger_security_activity_level, activation_days, past_days, booster_unusual,
           booster_previous_violation, booster_priority_user, booster_high_impact, sequence_detection, cumulative_exfiltration, alert_volume,
           @now, @accountId, @now
         FROM policies WHERE id = @id`,
      )
      .run({ id, name, now, accountId }).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO policy_scope_rules (policy_id, effect, kind, group_id, attribute, value, person_id)
     SELECT @copy, effect, kind, group_id, attribute, value, person_id FROM policy_scope_rules WHERE policy_id = @id ORDER BY id`,
  ).run({ copy, id });
  db.prepare(
    'INSERT INTO policy_priority_groups (policy_id, group_id) SELECT @copy, group_id FROM policy_priority_groups WHERE policy_id = @id',
  ).run({ copy, id });
  db.prepare(
    'INSERT INTO policy_indicators SELECT @copy, indicator, low, medium, high, above_usual FROM policy_indicators WHERE policy_id = @id',
  ).run({ copy, id });
  db.prepare('INSERT INTO policy_priority_content SELECT @copy, kind, value FROM policy_priority_content WHERE policy_id = @id').run({
    copy,
    id,
  });
  return copy;
}

/** Deletes a policy: it stops scoring and leaves the lists, its alerts stay. Run inside a transaction. */
export function deletePolicy(db: Database, id: number, now: number): void {
  requirePolicy(db, id);
  db.prepare("UPDATE policies SET deleted_at = @now, state = 'paused', updated_at = @now WHERE id = @id").run({ id, now });
  db.prepare('DELETE FROM policy_persons WHERE policy_id = @id').run({ id });
  db.prepare('UPDATE policy_manual_persons SET removed_at = @now WHERE policy_id = @id AND removed_at IS NULL').run({ id, now });
}

/** Marks scoring as needing a re-score: 'full' after a settings change, 'policies' after a policy change. */
export function markRescoreNeeded(db: Database, scope: 'full' | 'policies', reason: ScoringReason, now: number): void {
  db.prepare(
    `UPDATE scoring_state SET needs_full = max(needs_full, @full), needs_policies = 1, reason = @reason, reason_facts = @facts,
       changed_at = @now WHERE id = 1`,
  ).run({ full: scope === 'full' ? 1 : 0, reason: describeScoringReason(reason), facts: JSON.stringify(reason), now });
}

/** Pauses, activates or puts a policy in test mode. */
export function setPolicyState(db: Database, id: number, state: PolicyDefinition['state'], now: number): void {
  db.prepare('UPDATE policies SET state = @state, updated_at = @now WHERE id = @id').run({ state, now, id });
}

/** Scores these persons for a policy by hand for `days` days from `now`, with a reason. */
export function addManualPersons(
  db: Database,
  policyId: number,
  personIds: number[],
  addition: { days: number; reason: string; accountId: number; now: number },
): void {
  const { days, reason, accountId, now } = addition;
  db.transaction(() => {
    const insert = db.prepare(
      `INSERT INTO policy_manual_persons (policy_id, person_id, added_at, days, until, reason, added_by)
       VALUES (@policyId, @personId, @now, @days, @until, @reason, @accountId)`,
    );
    for (const personId of personIds)
      insert.run({ policyId, personId, now, days, until: now + days * DAY_MS, reason, accountId });
  })();
}

/** Stops scoring a person added by hand; false when they were not added (or already removed). */
export function removeManualPerson(db: Database, policyId: number, personId: number, now: number): boolean {
  return (
    db
      .prepare(
        'UPDATE policy_manual_persons SET removed_at = @now WHERE policy_id = @policyId AND person_id = @personId AND removed_at IS NULL',
      )
      .run({ now, policyId, personId }).changes > 0
  );
}
