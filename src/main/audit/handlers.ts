/** Handlers for audit.*. */
import { contract, type MethodName } from '../../shared/contract';
import type { Handlers } from '../api/router';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../context/backendContext';
import { auditCsv, listAuditEntries } from './auditQueries';
import { verifyAuditLog } from './verifyAuditLog';

/** One-line description of an action for the CSV's Description column. */
function describeAction(action: string): string {
  return Object.prototype.hasOwnProperty.call(contract, action) ? contract[action as MethodName].summary : action;
}

/** Handlers for listing, exporting and verifying the audit log. */
export function auditHandlers({ auditDb: db, dataDir, keys, auditLog, clock }: BackendContext): Pick<Handlers<Principal>, `audit.${'exportCsv' | 'list' | 'verify'}`> {
  return {
    'audit.list': (input) => listAuditEntries(db, input),
    'audit.exportCsv': (input, context) => {
      const { csv, rows } = auditCsv(db, input, describeAction);
      const checkpoint = auditLog.checkpoint();
      context.audit({ after: { rows, filter: input, checkpointSize: checkpoint.size } });
      const stamp = new Date(clock()).toISOString().replace(/[:.]/g, '-');
      return { fileName: `irm-audit-log-${stamp}.csv`, csv, rows };
    },
    'audit.verify': () => verifyAuditLog(db, dataDir, keys),
  };
}
