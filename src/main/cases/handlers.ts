/** Handlers for cases.*: reading cases, append-only notes and per-case contributors. */
import { ApiFailure } from '../../shared/errors';
import type { Handlers } from '../api/router';
import { findAccount } from '../access/accounts';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../context/backendContext';
import { caseVisibility, requireVisibleCase, summarizeCase } from './caseAccess';

type CaseMethods = `cases.${'addContributor' | 'addNote' | 'get' | 'list' | 'notes' | 'removeContributor'}`;

interface NoteRow {
  id: number;
  author: string;
  kind: 'note' | 'confirmation' | 'notice' | 'escalation' | 'resolution' | 'contributor';
  text: string;
  createdAt: number;
}

/** Handlers for cases, their notes and contributors. */
export function caseHandlers(context: BackendContext): Pick<Handlers<Principal>, CaseMethods> {
  const { db, clock, keys, anonymized } = context;
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  const insertNote = db.prepare(
    'INSERT INTO case_notes (case_id, author_id, kind, text, created_at) VALUES (@caseId, @authorId, @kind, @text, @now)',
  );
  const readNote = db.prepare(
    `SELECT n.id, a.name AS author, n.kind, n.text, n.created_at AS createdAt
     FROM case_notes n JOIN accounts a ON a.id = n.author_id WHERE n.id = ?`,
  );

  const changeContributor = (principal: Principal, caseId: number, accountId: number, add: boolean) => {
    const row = requireVisibleCase(db, principal, caseId);
    const account = findAccount(db, accountId);
    if (!account) throw new ApiFailure('NOT_FOUND', `No account with id ${accountId}.`);
    if (add && account.locked === 1) throw new ApiFailure('INVALID_STATE', `The account ${account.name} is locked.`);
    db.transaction(() => {
      if (add) {
        db.prepare(
          'INSERT OR IGNORE INTO case_contributors (case_id, account_id, added_by, added_at) VALUES (?, ?, ?, ?)',
        ).run(caseId, accountId, principal.accountId, clock());
      } else {
        db.prepare('DELETE FROM case_contributors WHERE case_id = ? AND account_id = ?').run(caseId, accountId);
      }
      insertNote.run({
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
      const visibility = caseVisibility(principal);
      const where = `${visibility.sql}${input.status ? ' AND c.status = @status' : ''}`;
      const params = { ...visibility.params, ...(input.status ? { status: input.status } : {}) };
      const from = 'FROM cases c JOIN persons p ON p.id = c.person_id';
      const total = (db.prepare(`SELECT count(*) AS n ${from} WHERE ${where}`).get(params) as { n: number }).n;
      const rows = db
        .prepare(`SELECT c.* ${from} WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: input.limit, offset: input.offset }) as Parameters<typeof summarizeCase>[3][];
      return { cases: rows.map((row) => summarizeCase(db, principal, presentation(), row)), total };
    },
    'cases.notes': (input, handlerContext) => {
      requireVisibleCase(db, handlerContext.principal!, input.caseId);
      handlerContext.audit({ targets: [`case:${input.caseId}`] });
      return db
        .prepare(
          `SELECT n.id, a.name AS author, n.kind, n.text, n.created_at AS createdAt
           FROM case_notes n JOIN accounts a ON a.id = n.author_id WHERE n.case_id = ? ORDER BY n.id`,
        )
        .all(input.caseId) as NoteRow[];
    },
    'cases.addNote': (input, handlerContext) => {
      const principal = handlerContext.principal!;
      requireVisibleCase(db, principal, input.caseId);
      const id = Number(
        insertNote.run({ caseId: input.caseId, authorId: principal.accountId, kind: 'note', text: input.text, now: clock() })
          .lastInsertRowid,
      );
      handlerContext.audit({ targets: [`case:${input.caseId}`], after: { noteId: id, text: input.text } });
      return readNote.get(id) as NoteRow;
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
