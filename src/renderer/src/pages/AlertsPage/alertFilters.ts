/** The alert queue's filters as the controls hold them, and as `alerts.list` takes them. */
import dayjs from 'dayjs';
import type { DatesRangeValue } from '@mantine/dates';
import type { AlertStatus, RiskFactor, Severity } from '../../../../shared/detection';
import type { AlertFilter, MethodInput } from '../../../../shared/contract';
import { ALERT_SORT_FIELDS } from '../../../../shared/contract';

/** A sort key of the queue. */
export type AlertSortField = (typeof ALERT_SORT_FIELDS)[number];

/** What the filter controls hold. */
export interface AlertFilterDraft {
  status: AlertStatus[];
  severity: Severity[];
  policyIds: number[];
  range: DatesRangeValue<string>;
  riskFactors: RiskFactor[];
  /** '' = anyone, 'unassigned', 'me', or an account id. */
  assignee: string;
  text: string;
  sort: { field: AlertSortField; direction: 'asc' | 'desc' };
}

/** The queue as it opens: alerts that need review, newest first. */
export const DEFAULT_ALERT_FILTER: AlertFilterDraft = {
  status: ['NeedsReview'],
  severity: [],
  policyIds: [],
  range: [null, null],
  riskFactors: [],
  assignee: '',
  text: '',
  sort: { field: 'detectedAt', direction: 'desc' },
};

/** The draft with a policy chosen from the URL (`?policy=ID`, linked from a policy card). */
export function filterFromSearch(search: URLSearchParams): AlertFilterDraft {
  const policy = Number(search.get('policy'));
  return Number.isInteger(policy) && policy > 0 ? { ...DEFAULT_ALERT_FILTER, policyIds: [policy] } : DEFAULT_ALERT_FILTER;
}

/** True when the draft differs from the default queue. */
export function isDefaultFilter(draft: AlertFilterDraft): boolean {
  return JSON.stringify(draft) === JSON.stringify(DEFAULT_ALERT_FILTER);
}

/**
 * The `alerts.list` input without paging. Time detected covers whole UTC days, from 00:00 of the
 * first to 00:00 after the last (Purview's filter, end exclusive).
 */
export function alertListInput(draft: AlertFilterDraft, testMode: boolean): Omit<MethodInput<'alerts.list'>, 'cursor' | 'limit'> {
  const filter: AlertFilter & { sort: AlertFilterDraft['sort'] } = { testMode, sort: draft.sort };
  if (draft.status.length) filter.status = draft.status;
  if (draft.severity.length) filter.severity = draft.severity;
  if (draft.policyIds.length) filter.policyIds = draft.policyIds;
  if (draft.riskFactors.length) filter.riskFactors = draft.riskFactors;
  const [from, to] = draft.range;
  if (from) filter.detectedFrom = Date.parse(`${dayjs(from).format('YYYY-MM-DD')}T00:00:00Z`);
  if (to) filter.detectedTo = Date.parse(`${dayjs(to).format('YYYY-MM-DD')}T00:00:00Z`) + 86_400_000;
  if (draft.assignee === 'unassigned' || draft.assignee === 'me') filter.assignee = draft.assignee;
  else if (draft.assignee) filter.assignee = Number(draft.assignee);
  if (draft.text.trim()) filter.text = draft.text.trim();
  return filter;
}
