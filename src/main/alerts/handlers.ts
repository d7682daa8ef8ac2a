/**
 * Handlers for alerts.* (the queue, detail, activity explorer and chart, dismiss, assign, confirm).
 * Every read joins the persons visibility clause; every triage action
 * is one transaction and one audit entry naming the alert ids.
 */
import { DISMISS_REASON_LABELS } from '../../shared/detection';
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';
import { pseudonymFor } from '../privacy/pseudonyms';
import {
  alertActivities,
  alertActivityChart,
  alertDetail,
  alertQueueSummary,
  assignableAccounts,
  listAlerts,
  requireAlertRow,
} from './alertQueries';
import { assignAlerts, confirmAlerts, dismissAlerts } from './alertTriage';

/** Handlers for the alert queue and the alert detail. */
export function alertHandlers(
  context: BackendContext,
): AreaHandlersOf<'alerts'> {
  const { db, settings, clock, keys, anonymized } = context;
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  const alertTargets = (ids: number[]) => ids.map((id) => `alert:${id}`);
  return {
    'alerts.list': (input, call) => listAlerts(db, call.principal!, presentation(), input),
    'alerts.summary': (input, call) => alertQueueSummary(db, call.principal!, input.testMode),
    'alerts.get': (input, call) => {
      const detail = alertDetail(db, call.principal!, presentation(), input.id, settings.get('alerts.volume'));
      call.audit({ targets: [`alert:${input.id}`, `person:${detail.person.displayName}`] });
      return detail;
    },
    'alerts.activities': (input, call) => alertActivities(db, call.principal!, presentation(), input),
    'alerts.activityChart': (input, call) => alertActivityChart(db, call.principal!, input.id, input.months),
    'alerts.dismiss': (input, call) => {
      call.audit({
        targets: alertTargets(input.ids),
        after: { status: 'Dismissed', reason: DISMISS_REASON_LABELS[input.reason], count: input.ids.length },
        reason: input.note || null,
      });
      const ids = dismissAlerts(db, call.principal!, input.ids, input.reason, input.note, clock());
      return { dismissed: ids.length };
    },
    'alerts.assign': (input, call) => {
      call.audit({ targets: alertTargets(input.ids) });
      const result = assignAlerts(db, call.principal!, input.ids, input.accountId, clock());
      call.audit({ after: { assignee: result.assignee } });
      return { assigned: result.ids.length };
    },
    'alerts.confirm': (input, call) => {
      call.audit({ targets: alertTargets(input.ids), reason: input.comment || null });
      const first = requireAlertRow(db, call.principal!, input.ids[0]!);
      const shownName = anonymized() ? pseudonymFor(keys.pseudonymSecret, first.personKey) : first.personDisplayName;
      const result = confirmAlerts(
        db,
        call.principal!,
        input.ids,
        { caseId: input.caseId, caseName: input.caseName, defaultCaseName: `Case for ${shownName}`, comment: input.comment },
        clock(),
      );
      call.audit({
        targets: [...alertTargets(result.ids), `case:${result.caseId}`, context.personTarget(first.personKey)],
        after: { status: 'Confirmed', caseId: result.caseId, caseCreated: result.created },
      });
      return { caseId: result.caseId, confirmed: result.ids.length, created: result.created };
    },
    'alerts.assignees': () => assignableAccounts(db),
  };
}
