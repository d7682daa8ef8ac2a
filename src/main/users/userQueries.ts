/**
 * The Users page (DOMAIN.md §5): every visible person in scope of a live policy, with each policy's
 * trigger, window, score, alert threshold and the indicator closest to its threshold, and the
 * person's risk level from their active alerts.
 */
import type { Database } from '../store/database';
import type { AlertStatus, PolicyState, Severity, TemplateId, TriggerKind, IndicatorId } from '../../shared/detection';
import type { UserView, RiskLevel } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { identityRedactor, personIdsMatching, presentPersonsById, type Presentation } from '../privacy/people';
import { DAY_MS } from '../detection/model';
import { triggerView } from '../alerts/alertQueries';

const RISK_LEVEL_OF_RANK: RiskLevel[] = ['None', 'Low', 'Medium', 'High'];

interface PolicyPersonRow {
  policyId: number;
  policyName: string;
  template: TemplateId;
  state: PolicyState;
  triggerKind: TriggerKind;
  triggerTime: number;
  triggerSummary: string;
  triggerFacts: string | null;
  triggers: number;
  windowStart: number;
  windowEnd: number;
  score: number;
  alertThreshold: number;
  nearestIndicator: IndicatorId | null;
  nearestCount: number | null;
  nearestThreshold: number | null;
  scoredAt: number;
  alertId: number | null;
  alertStatus: AlertStatus | null;
  alertSeverity: Severity | null;
}

function userDetails(db: Database, presentation: Presentation, principal: Principal, ids: number[]): UserView[] {
  const persons = presentPersonsById(db, principal, presentation, ids);
  const redact = identityRedactor(db, principal, presentation);
  const rows = db.prepare(
    `SELECT pp.policy_id AS policyId, pol.name AS policyName, pol.template, pol.state, pp.trigger_kind AS triggerKind, pp.trigger_time AS triggerTime,
            pp.trigger_summary AS triggerSummary, pp.trigger_facts AS triggerFacts, pp.triggers, pp.window_start_day AS windowStart, pp.window_end_day AS windowEnd, pp.score,
            pp.alert_threshold AS alertThreshold, pp.nearest_indicator AS nearestIndicator, pp.nearest_count AS nearestCount,
            pp.nearest_threshold AS nearestThreshold, pp.scored_at AS scoredAt, al.id AS alertId, al.status AS alertStatus, al.severity AS alertSeverity
     FROM policy_persons pp JOIN policies pol ON pol.id = pp.policy_id AND pol.deleted_at IS NULL
     LEFT JOIN alerts al ON al.id = (SELECT a2.id FROM alerts a2 WHERE a2.policy_id = pp.policy_id AND a2.person_id = pp.person_id
                                     ORDER BY a2.status = 'NeedsReview' DESC, a2.status = 'Confirmed' DESC, a2.detected_at DESC, a2.id DESC LIMIT 1)
     WHERE pp.person_id = @personId ORDER BY pp.score DESC, pol.name, pol.id`,
  );
  const risk = db.prepare(
    `SELECT max(severity_rank) AS rank, count(*) AS active FROM alerts WHERE person_id = @personId AND test = 0 AND status IN ('NeedsReview', 'Confirmed')`,
  );
  const violations = db.prepare(
    "SELECT count(*) FROM cases WHERE person_id = @personId AND status = 'Closed' AND resolution = 'ConfirmedViolation'",
  );
  const activeCase = db.prepare("SELECT id FROM cases WHERE person_id = @personId AND status = 'Active' ORDER BY id DESC LIMIT 1");
  return persons.map((person) => {
    const personId = { personId: person.id };
    const policies = (rows.all(personId) as PolicyPersonRow[]).map((row) => ({
      policy: { id: row.policyId, name: row.policyName, template: row.template, state: row.state },
      trigger: {
        ...triggerView(
          {
            trigger_kind: row.triggerKind,
            trigger_time: row.triggerTime,
            trigger_summary: row.triggerSummary,
            trigger_facts: row.triggerFacts,
          },
          redact,
        ),
        count: row.triggers,
      },
      manual: row.triggerKind === 'manual',
      windowStart: row.windowStart * DAY_MS,
      windowEnd: row.windowEnd * DAY_MS,
      score: row.score,
      alertThreshold: row.alertThreshold,
      belowThresholdBy: Math.max(0, row.alertThreshold - row.score),
      nearest:
        row.nearestIndicator !== null
          ? { indicator: row.nearestIndicator, count: row.nearestCount!, threshold: row.nearestThreshold! }
          : null,
      alert: row.alertId !== null ? { id: row.alertId, status: row.alertStatus!, severity: row.alertSeverity! } : null,
      scoredAt: row.scoredAt,
    }));
    const level = risk.get(personId) as { rank: number | null; active: number };
    return {
      person,
      riskLevel: RISK_LEVEL_OF_RANK[level.rank ?? 0]!,
      score: policies.reduce((max, p) => Math.max(max, p.score), 0),
      activeAlerts: level.active,
      confirmedViolations: violations.pluck().get(personId) as number,
      activeCaseId: (activeCase.pluck().get(personId) as number | undefined) ?? null,
      policies,
    };
  });
}

/** The Users page list. */
export function listUsers(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  input: { text?: string; policyId?: number; riskLevels?: RiskLevel[]; sort: 'risk' | 'name'; offset: number; limit: number },
): { users: UserView[]; total: number } {
  const visibility = personVisibility(principal);
  const where = [visibility.sql, 'pol.deleted_at IS NULL'];
  const params: Record<string, unknown> = { ...visibility.params };
  if (input.policyId !== undefined) {
    where.push('pp.policy_id = @policyId');
    params.policyId = input.policyId;
  }
  if (input.text) {
    where.push('p.id IN (SELECT value FROM json_each(@textPersons))');
    params.textPersons = JSON.stringify(personIdsMatching(db, principal, presentation, input.text));
  }
  const having: string[] = [];
  if (input.riskLevels?.length) {
    having.push('riskRank IN (SELECT value FROM json_each(@riskRanks))');
    params.riskRanks = JSON.stringify(input.riskLevels.map((level) => RISK_LEVEL_OF_RANK.indexOf(level)));
  }
  const base = `SELECT p.id, p.key, p.display_name, max(pp.score) AS score,
      coalesce((SELECT max(al.severity_rank) FROM alerts al WHERE al.person_id = p.id AND al.test = 0 AND al.status IN ('NeedsReview', 'Confirmed')), 0) AS riskRank
    FROM policy_persons pp JOIN persons p ON p.id = pp.person_id JOIN policies pol ON pol.id = pp.policy_id
    WHERE ${where.join(' AND ')} GROUP BY p.id ${having.length ? `HAVING ${having.join(' AND ')}` : ''}`;
  const total = db.prepare(`SELECT count(*) FROM (${base})`).pluck().get(params) as number;
  const order =
    input.sort === 'risk'
      ? 'riskRank DESC, score DESC, id'
      : presentation.anonymized
        ? 'pseudonym(key), id'
        : 'display_name COLLATE NOCASE, id';
  const ids = db
    .prepare(`SELECT id FROM (${base}) ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: input.limit, offset: input.offset }) as number[];
  return { users: userDetails(db, presentation, principal, ids), total };
}

/** One person on the Users page, or NOT_FOUND when not visible or not in scope of any policy. */
export function getUser(db: Database, principal: Principal, presentation: Presentation, id: number): UserView {
  const visibility = personVisibility(principal);
  const inScope = db
    .prepare(
      `SELECT 1 FROM policy_persons pp JOIN persons p ON p.id = pp.person_id JOIN policies pol ON pol.id = pp.policy_id AND pol.deleted_at IS NULL
       WHERE pp.person_id = @id AND ${visibility.sql} LIMIT 1`,
    )
    .get({ ...visibility.params, id });
  const user = inScope ? userDetails(db, presentation, principal, [id])[0] : undefined;
  if (!user) throw new ApiFailure('NOT_FOUND', `No person with id ${id} in scope of a policy.`);
  return user;
}
