/**
 * Handlers for policies.*: the Policies page (wizard, edit, copy, delete, pause/resume, test mode,
 * manual additions, health). Every change is audited and marks scoring for a re-score; from the app
 * (Electron or the browser harness) the re-score starts at once as a background job.
 */
import { TEMPLATES, TEMPLATE_IDS } from '../../shared/detection';
import { policyCreateInput } from '../../shared/contract/policies';
import type { ScoringReason } from '../../shared/contract/scoring';
import { ApiFailure } from '../../shared/errors';
import type { HandlerContext } from '../api/router';
import type { AreaHandlersOf, BackendContext, Principal } from '../context/backendContext';
import { personKeysOf, visiblePersonIds } from '../persons/personsRepository';
import { loadEnvironment, loadLightEnvironment } from '../detection/environment';
import { inPopulation, triggersFor } from '../detection/policyScope';
import { resolvePolicy } from '../detection/policyScoring';
import { rescoreAfterChange } from '../scoring/scoringService';
import {
  addManualPersons,
  copyPolicy,
  createPolicy,
  deletePolicy,
  livePolicyIds,
  readPolicy,
  removeManualPerson,
  setPolicyState,
  requirePolicy,
  resolvePersons,
  updatePolicy,
  type PolicyDefinition,
} from './policyRepository';
import { readSourceFacts, templatePrerequisites, viewPolicy } from './policyViews';

/** Handlers for the Policies page. */
export function policyHandlers(
  context: BackendContext,
): AreaHandlersOf<'policies'> {
  const { db, settings, clock, keys, anonymized } = context;
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  const view = (principal: Principal, id: number) =>
    viewPolicy(db, principal, presentation(), settings, id, readSourceFacts(db), loadLightEnvironment(db, settings), clock());
  const changed = (call: HandlerContext<Principal>, reason: ScoringReason) => rescoreAfterChange(context, call, reason);
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
  const personTargets = (ids: number[]) => personKeysOf(db, ids).map(context.personTarget);

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
      const visible = new Set(visiblePersonIds(db, principal));
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
        setPolicyState(db, input.id, input.state, clock());
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
      addManualPersons(db, policy.id, persons.ids, { days: input.days, reason: input.reason, accountId: call.principal!.accountId, now });
      if (persons.ids.length > 0) changed(call, { kind: 'personsAdded', name: policy.name });
      return { added: persons.ids.length, unknownPersonKeys: persons.unknownKeys };
    },
    'policies.removePerson': (input, call) => {
      const policy = requirePolicy(db, input.policyId);
      const person = resolvePersons(db, call.principal!, { personIds: [input.personId], personKeys: [] });
      call.audit({ targets: [target(policy), ...personTargets(person.ids)], reason: input.reason ?? null });
      if (!removeManualPerson(db, policy.id, input.personId, clock())) throw new ApiFailure('NOT_FOUND', 'This person was not added to the policy by hand.');
      changed(call, { kind: 'personRemoved', name: policy.name });
      return { done: true as const };
    },
  };
}
