import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../App';
import { createApiQueryClient } from '../../api';
import { createI18n } from '../../i18n';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, openWorkbench, type TestSession, type Workbench } from '../../testing/workbench';
import { ORGANISATION_NOW } from '../../testing/worlds';
import { SessionContext, type Session } from '../auth/session';
import { ScoringStatus } from './ScoringStatus';

let workbench: Workbench;
afterEach(() => workbench.close());

/** Holds the database writers' queue, as a long import ahead of the scoring run would, until released. */
function holdWritersQueue(): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  workbench.backend.context.jobs.start(
    { kind: 'import', workerFile: null, writesDatabase: true, run: async () => gate },
    null,
    { sessionId: null, startedBy: 'admin' },
  );
  return release;
}

/** The test organisation under one departing-users policy, never scored; returns the administrator. */
async function openOrganisationWithPolicy(): Promise<TestSession> {
  workbench = await openWorkbench({ accounts: [STANDARD_ACCOUNTS[0]!], now: ORGANISATION_NOW });
  const admin = await workbench.admin();
  workbench.buildOrganisation();
  await admin.value('policies.create', {
    template: 'data-theft-departing-users',
    name: 'Departing users',
    scope: { everyone: true, personIds: [], pilotGroupId: null },
  });
  return admin;
}

describe('ScoringStatus', () => {
  it('cancels a waiting scoring run through jobs.cancel: it never starts, nothing is scored, and it says so', async () => {
    const admin = await openOrganisationWithPolicy();
    const release = holdWritersQueue();
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies' });
    const status = await screen.findByTestId('scoring-status');
    expect(within(status).queryByTestId('scoring-cancel')).toBeNull();

    fireEvent.click(within(status).getByTestId('scoring-run'));
    const cancel = await within(status).findByRole('button', { name: 'Cancel the scoring run' });
    expect(within(status).getByTestId('scoring-phase').textContent).toBe('Waiting to start');
    const { jobId } = (await admin.value('jobs.list')).find((job) => job.kind === 'scoring')!;
    fireEvent.click(cancel);
    await waitFor(() => expect(transport.callsOf('jobs.cancel')).toEqual([{ method: 'jobs.cancel', input: { jobId }, outcome: 'ok' }]));

    release();
    // The re-score stays due, with its reason.
    await waitFor(() =>
      expect(within(status).getByTestId('scoring-last-run').textContent).toBe(
        'Scoring was cancelled. Scores and alerts are unchanged. · Changed: policy Departing users created',
      ),
    );
    expect(status.dataset.due).toBe('true');
    expect(status.dataset.running).toBe('false');
    expect(within(status).queryByTestId('scoring-cancel')).toBeNull();
    expect((await admin.value('jobs.get', { jobId })).state).toBe('cancelled');
    expect((await admin.value('scoring.status')).runs).toEqual([]);
    expect((await admin.value('alerts.summary', {})).byStatus.NeedsReview).toBe(0);
  });

  it('offers no Cancel to an account without the permission for jobs.cancel', async () => {
    await openOrganisationWithPolicy();
    const release = holdWritersQueue();
    // The Policies page needs the same permission, so ScoringStatus is shown alone with a session lacking it.
    const transport = await workbench.connect({ signInAs: 'admin' });
    const session: Session = {
      account: { id: 1, name: 'admin', roleGroups: ['InsiderRiskManagement'] },
      permissions: ['signedIn', 'viewUsers', 'triageAlerts'],
      locked: false,
      idleLockMinutes: 15,
      signOut: async () => undefined,
      lock: async () => undefined,
    };
    render(
      <AppProviders api={transport.api} queryClient={createApiQueryClient()} i18n={createI18n('en')} mantineEnv="test">
        <SessionContext.Provider value={session}>
          <ScoringStatus />
        </SessionContext.Provider>
      </AppProviders>,
    );
    const alone = await screen.findByTestId('scoring-status');
    fireEvent.click(within(alone).getByTestId('scoring-run'));
    await waitFor(() => expect(within(alone).queryByTestId('scoring-phase')?.textContent).toBe('Waiting to start'));
    expect(alone.dataset.running).toBe('true');
    expect(within(alone).queryByTestId('scoring-cancel')).toBeNull();
    release();
  });

  it('shows how long the last run took, from its start and finish', async () => {
    const admin = await openOrganisationWithPolicy();
    await renderApp(workbench, { as: 'admin', path: '/policies' });
    const status = await screen.findByTestId('scoring-status');
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toMatch(/^Nothing has been scored yet\./));
    fireEvent.click(within(status).getByTestId('scoring-run'));
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toMatch(/^Last scored .* \(took [^)]+\): \d+ persons/));
    const [run] = (await admin.value('scoring.status')).runs;
    expect(run!.finishedAt! - run!.startedAt).toBeGreaterThanOrEqual(0);
  });
});
