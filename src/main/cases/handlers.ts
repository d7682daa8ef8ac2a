/** Handlers for cases.*: reading cases, append-only notes and per-case contributors. */
import type { CaseNote } from '../../shared/contract/cases';
import { ApiFailure } from '../../shared/errors';
import { findAccount } from '../access/accounts';
import type { AreaHandlersOf, BackendContext, Principal } from '../context/backendContext';
import { caseVisibility, requireVisibleCase, summarizeCase } from './caseAccess';
import {
  addCaseContributor,
  getCaseNote,
  insertCaseNote,
  listCaseNotes,
  listVisibleCases,
  removeCaseContributor,
} from './caseRepository';

/** Handlers for cases, their notes and contributors. */
export function caseHandlers(context: BackendContext): AreaHandlersOf<'cases'> {
  const { db, clock, keys, anonymized } = context;
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });

  const changeContributor = (principal: Principal, caseId: number, accountId: number, add: boolean) => {
    const row = requireVisibleCase(db, principal, caseId);
    const account = findAccount(db, accountId);
    if (!account) throw new ApiFailure('NOT_FOUND', `No account with id ${accountId}.`);
    if (add && account.locked === 1) throw new ApiFailure('INVALID_STATE', `The account ${account.name} is locked.`);
    db.transaction(() => {
      if (add) addCaseContributor(db, caseId, accountId, principal.accountId, clock());
      else removeCaseContributor(db, caseId, accountId);
      insertCaseNote(db, {
        caseId,
        authorId: principal.accountId,
        kind: 'contributor',
        text: `${add ? 'Added' : 'Removed'} contributor ${account.name}.`,
        now: clock(),
      });
    })();
    return { row, account };
  };

  return {
    'cases.get': (input, handlerContext) => {
      const principal = handlerContext.principal!;
      const row = requireVisibleCase(db, principal, input.id);
      const summary = summarizeCase(db, principal, presentation(), row);
      handlerContext.audit({ targets: [`case:${row.id}`, `person:${summary.person.displayName}`] });
      return summary;
    },
    'cases.list': (input, handlerContext) => {
      const principal = handlerContext.principal!;
      const { rows, total } = listVisibleCases(db, caseVisibility(principal), input);
      return { cases: rows.map((row) => summarizeCase(db, principal, presentation(), row)), total };
    },
    'cases.notes': (input, handlerContext) => {
      requireVisibleCase(db, handlerContext.principal!, input.caseId);
      handlerContext.audit({ targets: [`case:${input.caseId}`] });
      return listCaseNotes(db, input.caseId);
    },
    'cases.addNote': (input, handlerContext) => {
      const principal = handlerContext.principal!;
      requireVisibleCase(db, principal, input.caseId);
      const id = insertCaseNote(db, { caseId: input.caseId, authorId: principal.accountId, kind: 'note', text: input.text, now: clock() });
      handlerContext.audit({ targets: [`case:${input.caseId}`], after: { noteId: id, text: input.text } });
      return getCaseNote(db, id) as CaseNote;
    },
    'cases.addContributor': (input, handlerContext) => {
      const principal = handlerContext.principal!;
      const { row, account } = changeContributor(principal, input.caseId, input.accountId, true);
      handlerContext.audit({ targets: [`case:${row.id}`, `account:${account.name}`], after: { contributor: account.name } });
      return summarizeCase(db, principal, presentation(), requireVisibleCase(db, principal, input.caseId));
    },
    'cases.removeContributor': (input, handlerContext) => {
      const principal = handlerContext.principal!;
      const { row, account } = changeContributor(principal, input.caseId, input.accountId, false);
      handlerContext.audit({ targets: [`case:${row.id}`, `account:${account.name}`], before: { contributor: account.name } });
      return summarizeCase(db, principal, presentation(), requireVisibleCase(db, principal, input.caseId));
    },
  };
}
