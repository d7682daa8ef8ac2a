/**
 * Policies for the demo organisation (imports.loadDemo): one active policy per template with the
 * template's defaults, created through the same validation and repository function as
 * policies.create, each audited like a policy created in the wizard; then one full re-score, the
 * way a policy change starts one, so the Alerts page has something to show after the demo loads.
 */
import { TEMPLATES, TEMPLATE_IDS, type TemplateId } from '../../shared/detection';
import { policyCreateInput } from '../../shared/contract/policies';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../context/backendContext';
import { requestRescore } from '../scoring/scoringService';
import { createPolicy, markRescoreNeeded, readPolicy } from '../policies/policyRepository';

/** The name of the demo policy of a template. */
export function demoPolicyName(template: TemplateId): string {
  return `Demo: ${TEMPLATES[template].name}`;
}

/** What createDemoPolicies did. */
export interface DemoPoliciesResult {
  /** Names of the policies created now. */
  created: string[];
  /** Names that already existed (not deleted) and were left as they are. */
  skipped: string[];
  /** The full scoring job started afterwards (null when nothing was created). */
  scoringJobId: string | null;
}

/**
 * Creates the missing demo policies (skipping a name that exists), audits each as policies.create
 * by the account that loaded the demo, marks a full re-score and starts it as a job.
 */
export function createDemoPolicies(context: BackendContext, principal: Principal, sessionId: string | null): DemoPoliciesResult {
  const { db, clock, auditLog } = context;
  const created: string[] = [];
  const skipped: string[] = [];
  for (const template of TEMPLATE_IDS) {
    const name = demoPolicyName(template);
    if (db.prepare('SELECT 1 FROM policies WHERE name = @name COLLATE NOCASE AND deleted_at IS NULL').get({ name })) {
      skipped.push(name);
      continue;
    }
    // The same validation (defaults included) and repository function as the wizard's policies.create.
    const input = policyCreateInput.parse({
      template,
      name,
      description: 'Created with the demo organisation (template defaults).',
    });
    const id = db.transaction(() => createPolicy(db, principal, input, clock()))();
    const policy = readPolicy(db, id)!;
    auditLog.append({
      actorId: principal.accountId,
      actor: principal.name,
      roleGroups: principal.roleGroups,
      category: 'policies',
      action: 'policies.create',
      targets: [`policy:${policy.name}`],
      after: { template: policy.template, state: policy.state, description: policy.description, source: 'imports.loadDemo' },
      result: 'success',
      reason: 'demo organisation',
    });
    created.push(name);
  }
  if (created.length === 0) return { created, skipped, scoringJobId: null };
  markRescoreNeeded(db, 'full', { kind: 'demoPolicies', name: created.join(', ') }, clock());
  const handle = requestRescore(context, 'full', { sessionId, startedBy: principal.name });
  return { created, skipped, scoringJobId: handle.jobId };
}
