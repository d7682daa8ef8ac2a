/**
 * The one place that decides which persons an account may see: its scopes (values of person
 * attributes) and priority user groups. Every person-bearing query joins this clause, so a person
 * outside scope never appears in a list, a count, a search hit, a chart, an export or an error.
 */
import type { ScopeAttribute } from '../../shared/contract';
import type { Principal } from './sessions';

const COLUMN: Record<ScopeAttribute, string> = {
  region: 'region',
  country: 'country',
  businessUnit: 'business_unit',
  department: 'department',
};

/** SQL condition (over persons aliased `alias`) and its named parameters. */
export interface VisibilityClause {
  sql: string;
  params: Record<string, string | number>;
}

/** The condition that limits persons (alias `p` by default) to those the principal may see. */
export function personVisibility(principal: Principal, alias = 'p'): VisibilityClause {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {
    visibilityAccountId: principal.accountId,
    visibilityRoleGroups: JSON.stringify(principal.roleGroups),
  };
  for (const scope of principal.scopes) {
    const name = `visibilityScope_${scope.attribute}`;
    params[name] = JSON.stringify(scope.values);
    conditions.push(`${alias}.${COLUMN[scope.attribute]} IN (SELECT value FROM json_each(@${name}))`);
  }
  // Members of a priority group are visible only to the accounts or role groups the group names.
  conditions.push(`NOT EXISTS (
    SELECT 1 FROM person_group_members visibility_m
    JOIN person_groups visibility_g ON visibility_g.id = visibility_m.group_id AND visibility_g.kind = 'priority'
    WHERE visibility_m.person_id = ${alias}.id AND NOT EXISTS (
      SELECT 1 FROM person_group_viewers visibility_v WHERE visibility_v.group_id = visibility_g.id
        AND (visibility_v.account_id = @visibilityAccountId
             OR visibility_v.role_group IN (SELECT value FROM json_each(@visibilityRoleGroups)))))`);
  return { sql: conditions.map((c) => `(${c})`).join(' AND '), params };
}
