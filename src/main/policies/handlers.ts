/**
 * Handlers for policies.*, groups.* and scoring.*: the Policies page (wizard, edit, copy, delete,
 * pause/resume, test mode, manual additions, health), priority and pilot groups, and scoring runs
 * as jobs. Every change is audited and marks scoring for a re-score; from the app (Electron or the
 * browser harness) the re-score starts at once as a background job.
 */
import { TEMPLATES, TEMPLATE_IDS } from '../../shared/detection';
import { policyCreateInput, type ScoringReason } from '../../shared/contract/policies';
import { ApiFailure } from '../../shared/errors';
import type { HandlerContext, Handlers } from '../api/router';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../backend';
import { personVisibility } from '../access/visibility';
import { loadEnvironment, loadLightEnvironment } from '../detection/environment';
import { DAY_MS } from '../detection/model';
import { inPopulation, triggersFor } from '../detection/policyScope';
import { resolvePolicy } from '../detection/policyScoring';
import { scoringService } from '../scoring/scoringService';
import { scoringState } from '../scoring/scoring';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from '../groups/groupRepository';
import {
  copyPolicy,
  createPolicy,
  deletePolicy,
  livePolicyIds,
  markRescoreNeeded,
  readPolicy,
  requirePolicy,
  resolvePersons,
  updatePolicy,
  type PolicyDefinition,
} from './policyRepository';
import { readSourceFacts, templatePrerequisites, viewPolicy } from './policyViews';

type PolicyMethods = `policies.${string}` | `groups.${string}` | `scoring.${string}`;

interface RunRow {
  id: number;
  kind: 'full' | 'incremental';
  state: 'running' | 'succeeded' | 'failed';
  started_at: number;
  finished_at: number | null;
  persons: number;
  alerts_created: number;
  alerts_updated: number;
  alerts_removed: number;
  error: string | null;
}

function runView(row: RunRow) {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    persons: row.persons,
    alertsCreated: row.alerts_created,
    alertsUpdated: row.alerts_updated,
    alertsRemoved: row.alerts_removed,
    error: row.error,
  };
}

/** Handlers for the Policies page. */
export function policyHandlers(
  context: BackendContext,
): Pick<Handlers<Principal>, Extract<keyof Handlers<Principal>, PolicyMethods>> {
  const { db, settings, clock, keys, anonymized } = context;
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  const view = (principal: Principal, id: number) =>
    viewPolicy(db, principal, presentation(), settings, id, readSourceFacts(db), loadLightEnvironment(db, settings), clock());
  /** Marks the change for scoring and, in the app, starts the re-score job at once. */
  const changed = (call: HandlerContext<Principal>, reason: ScoringReason) => {
    markRescoreNeeded(db, 'policies', reason, clock());
    if (call.origin.transport === 'electron' || call.origin.transport === 'harness')
      scoringService(context).request('policies', call.origin.sessionId);
  };
  const target = (policy: { name: string }) => `policy:${policy.name}`;
  const summarize = (policy: PolicyDefinition) => ({
    template: policy.template,
    state: policy.state,
    description: policy.description,
    scope: policy.scope,
    priorityContent: policy.priorityContent,
    indicators: policy.indicators,
    triggers: policy.triggers,
    activationDays: policy.activationDays,
    pastDays: policy.pastDays,
    boosters: policy.boosters,
    sequenceDetection: policy.sequenceDetection,
    cumulativeExfiltration: policy.cumulativeExfiltration,
    alertVolume: policy.alertVolume,
  });
  const personTargets = (ids: number[]) =>
    (
      db
        .prepare('SELECT key FROM persons WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
        .pluck()
        .all(JSON.stringify(ids)) as string[]
    ).map(context.personTarget);

  return {
    'policies.templates': () => {
      const facts = readSourceFacts(db);
      return TEMPLATE_IDS.map((id) => {
        const template = TEMPLATES[id];
        return {
          id,
          name: template.name,
          description: template.description,
          triggers: [...template.triggers],
          population: template.population,
          dataTemplate: template.data,
          defaultIndicators: [...template.defaultIndicators],
          defaultActivationDays: template.defaultActivationDays,
          defaultPastDays: template.defaultPastDays,
          prerequisites: templatePrerequisites(id, facts),
        };
      });
    },
    'policies.list': (_input, call) => livePolicyIds(db).map((id) => view(call.principal!, id)),
    'policies.get': (input, call) => {
      const policy = requirePolicy(db, input.id);
      call.audit({ targets: [target(policy)] });
      return view(call.principal!, input.id);
    },
    'policies.previewScope': (input, call) => {
      const principal = call.principal!;
      const included = resolvePersons(db, principal, { personIds: input.scope.personIds, personKeys: input.scope.personKeys });
      const excluded = resolvePersons(db, principal, {
        personIds: input.scope.exclude.personIds,
        personKeys: input.scope.exclude.personKeys,
      });
      const draft = policyCreateInput.parse({ template: input.template, name: 'preview', scope: input.scope });
      const now = clock();
      const env = loadEnvironment(db, now, settings);
      const policy: PolicyDefinition = {
        id: 0,
        template: input.template,
        name: 'preview',
        description: '',
        state: 'active',
        scope: {
          everyone: input.scope.everyone,
          groupIds: input.scope.groupIds,
          pilotGroupId: input.scope.pilotGroupId,
          attributes: input.scope.attributes,
          personIds: included.ids,
          exclude: {
            groupIds: input.scope.exclude.groupIds,
            attributes: input.scope.exclude.attributes,
            personIds: excluded.ids,
          },
          priorityGroupIds: input.scope.priorityGroupIds,
        },
        priorityContent: { extensions: [], keywords: [], labels: [], only: false },
        indicators: TEMPLATES[input.template].defaultIndicators.map((id) => ({ id, thresholds: null, aboveUsual: false })),
        triggers: draft.triggers,
        activationDays: draft.activationDays,
        pastDays: TEMPLATES[input.template].defaultPastDays,
        boosters: draft.boosters,
        sequenceDetection: true,
        cumulativeExfiltration: true,
        alertVolume: null,
        createdAt: now,
        updatedAt: now,
        deleted: false,
      };
      const visibility = personVisibility(principal);
      const visible = new Set(
        db.prepare(`SELECT p.id FROM persons p WHERE ${visibility.sql}`).pluck().all(visibility.params) as number[],
      );
      const resolved = resolvePolicy(policy, env);
      let inScope = 0;
      let triggered = 0;
      for (const person of env.persons.values()) {
        if (!visible.has(person.id) || !inPopulation(policy, person, env)) continue;
        inScope++;
        if (triggersFor(policy, person, env, resolved.thresholds, []).length > 0) triggered++;
      }
      return { inScope, triggered, unknownPersonKeys: [...included.unknownKeys, ...excluded.unknownKeys] };
    },
    'policies.create': (input, call) => {
      const id = db.transaction(() => createPolicy(db, call.principal!, input, clock()))();
      const policy = readPolicy(db, id)!;
      call.audit({ targets: [target(policy)], after: summarize(policy) });
      changed(call, { kind: 'policyCreated', name: policy.name });
      return view(call.principal!, id);
    },
    'policies.update': (input, call) => {
      const before = requirePolicy(db, input.id);
      call.audit({ targets: [target(before)], before: summarize(before) });
      db.transaction(() => updatePolicy(db, call.principal!, input, clock()))();
      const after = readPolicy(db, input.id)!;
      call.audit({ after: summarize(after) });
      changed(call, { kind: 'policyChanged', name: after.name });
      return view(call.principal!, input.id);
    },
    'policies.setState': (input, call) => {
      const before = requirePolicy(db, input.id);
      call.audit({
        targets: [target(before)],
        before: { state: before.state },
        after: { state: input.state },
        action: `policies.${input.state === 'paused' ? 'pause' : input.state === 'test' ? 'testMode' : 'activate'}`,
      });
      if (before.state !== input.state) {
        db.prepare('UPDATE policies SET state = ?, updated_at = ? WHERE id = ?').run(input.state, clock(), input.id);
        changed(call, { kind: 'policyStateChanged', name: before.name, state: input.state });
      }
      return view(call.principal!, input.id);
    },
    'policies.copy': (input, call) => {
      const source = requirePolicy(db, input.id);
      const id = db.transaction(() => copyPolicy(db, input.id, input.name, call.principal!.accountId, clock()))();
      call.audit({ targets: [target(source), `policy:${input.name}`], after: { copiedFrom: source.name } });
      changed(call, { kind: 'policyCopied', name: input.name, from: source.name });
      return view(call.principal!, id);
    },
    'policies.delete': (input, call) => {
      const policy = requirePolicy(db, input.id);
      call.audit({ targets: [target(policy)], before: summarize(policy) });
      db.transaction(() => deletePolicy(db, input.id, clock()))();
      changed(call, { kind: 'policyDeleted', name: policy.name });
      return { done: true as const };
    },
    'policies.addPersons': (input, call) => {
      const policy = requirePolicy(db, input.policyId);
      const persons = resolvePersons(db, call.principal!, input);
      const now = clock();
      call.audit({
        targets: [target(policy), ...personTargets(persons.ids)],
        after: { days: input.days, unknown: persons.unknownKeys.length },
        reason: input.reason,
      });
      db.transaction(() => {
        const insert = db.prepare(
          'INSERT INTO policy_manual_persons (policy_id, person_id, added_at, days, until, reason, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        for (const personId of persons.ids)
          insert.run(policy.id, personId, now, input.days, now + input.days * DAY_MS, input.reason, call.principal!.accountId);
      })();
      if (persons.ids.length > 0) changed(call, { kind: 'personsAdded', name: policy.name });
      return { added: persons.ids.length, unknownPersonKeys: persons.unknownKeys };
    },
    'policies.removePerson': (input, call) => {
      const policy = requirePolicy(db, input.policyId);
      const person = resolvePersons(db, call.principal!, { personIds: [input.personId], personKeys: [] });
      call.audit({ targets: [target(policy), ...personTargets(person.ids)], reason: input.reason ?? null });
      const removed = db
        .prepare('UPDATE policy_manual_persons SET removed_at = ? WHERE policy_id = ? AND person_id = ? AND removed_at IS NULL')
        .run(clock(), policy.id, input.personId).changes;
      if (removed === 0) throw new ApiFailure('NOT_FOUND', 'This person was not added to the policy by hand.');
      changed(call, { kind: 'personRemoved', name: policy.name });
      return { done: true as const };
    },

    'groups.list': (input, call) => listGroups(db, call.principal!, input.kind),
    'groups.get': (input, call) => getGroup(db, call.principal!, presentation(), input.id),
    'groups.create': (input, call) => {
      call.audit({
        targets: [`group:${input.name}`],
        after: { kind: input.kind, viewers: { accounts: input.viewerAccountIds, roleGroups: input.viewerRoleGroups } },
      });
      const id = createGroup(db, call.principal!, input);
      const group = getGroup(db, call.principal!, presentation(), id);
      call.audit({ after: { kind: input.kind, members: group.members, viewers: group.viewers } });
      changed(call, { kind: 'groupCreated', name: input.name });
      const { persons: _persons, ...summary } = group;
      return summary;
    },
    'groups.update': (input, call) => {
      const before = getGroup(db, call.principal!, presentation(), input.id);
      call.audit({ targets: [`group:${before.name}`], before: { members: before.members, viewers: before.viewers } });
      const result = updateGroup(db, call.principal!, input);
      const after = getGroup(db, call.principal!, presentation(), input.id);
      call.audit({ after: { members: after.members, added: result.added, removed: result.removed, viewers: after.viewers } });
      changed(call, { kind: 'groupChanged', name: before.name });
      const { persons: _persons, ...summary } = after;
      return summary;
    },
    'groups.delete': (input, call) => {
      const before = getGroup(db, call.principal!, presentation(), input.id);
      call.audit({ targets: [`group:${before.name}`], before: { kind: before.kind, members: before.members } });
      const pausedPolicies = deleteGroup(db, input.id, clock());
      call.audit({ after: { pausedPolicies } });
      changed(call, { kind: 'groupDeleted', name: before.name });
      return { pausedPolicies };
    },

    'scoring.run': async (input, call) => {
      const handle = scoringService(context).start(input.full ? 'full' : 'policies', call.origin.sessionId);
      const result = await handle.finished;
      call.audit({
        after: {
          runId: result.runId,
          kind: result.kind,
          alertsCreated: result.alertsCreated,
          alertsUpdated: result.alertsUpdated,
          alertsRemoved: result.alertsRemoved,
        },
      });
      const row = db.prepare('SELECT * FROM scoring_runs WHERE id = ?').get(result.runId) as RunRow;
      return { ...runView(row), jobId: handle.jobId, seconds: result.seconds };
    },
    'scoring.status': () => {
      const state = scoringState(db);
      const runs = (db.prepare('SELECT * FROM scoring_runs ORDER BY id DESC LIMIT 20').all() as RunRow[]).map(runView);
      const due = state.needsFull || state.needsPolicies;
      return { needsFull: state.needsFull, reason: due ? state.reason : null, reasonFacts: due ? state.reasonFacts : null, runs };
    },
  };
}
