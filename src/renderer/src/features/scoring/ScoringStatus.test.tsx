import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../App';
import { createApiQueryClient } from '../../api';
import { createI18n } from '../../i18n';
import { createFakeBackend } from '../../test/fakeApi';
import { samplePolicy } from '../../test/fakeWorld';
import { renderApp, signedInAs } from '../../test/render';
import { SessionContext, type Session } from '../auth/session';
import { ScoringStatus } from './ScoringStatus';

const JOB_ID = '7d0f5a52-3c1e-4b8a-9f3e-2a6c1d4b5e70';

describe('ScoringStatus', () => {
  it('cancels a running scoring job through jobs.cancel and says so; no Cancel without the permission', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { policies: [samplePolicy(1)] } }));
    const app = renderApp({ backend, path: '/policies' });
    const status = await screen.findByTestId('scoring-status');
    expect(within(status).queryByRole('button', { name: 'Cancel the scoring run' })).toBeNull();
    act(() => backend.emit('job.progress', { jobId: JOB_ID, kind: 'scoring', done: 1, total: 4, phase: 'counting', state: 'running', message: null }));
    fireEvent.click(await within(status).findByRole('button', { name: 'Cancel the scoring run' }));
    await waitFor(() => expect(backend.callsOf('jobs.cancel').map((call) => [call.input, call.outcome])).toEqual([[{ jobId: JOB_ID }, 'ok']]));
    // The backend's job ends cancelled and says so with its last progress event.
    act(() => backend.emit('job.progress', { jobId: JOB_ID, kind: 'scoring', done: 1, total: 4, phase: 'done', state: 'cancelled', message: 'Scoring was cancelled.' }));
    await waitFor(() => expect(status.dataset.running).toBe('false'));
    expect(within(status).getByTestId('scoring-last-run').textContent).toBe('Scoring was cancelled. Scores and alerts are unchanged.');
    expect(within(status).queryByTestId('scoring-cancel')).toBeNull();
    app.unmount();

    // The Policies page needs the same permission, so an account without it sees ScoringStatus only on its own.
    const session: Session = {
      account: { id: 1, name: 'admin', roleGroups: ['InsiderRiskManagement'] },
      permissions: ['signedIn', 'viewUsers', 'triageAlerts'],
      locked: false,
      idleLockMinutes: 15,
      signOut: async () => undefined,
      lock: async () => undefined,
    };
    render(
      <AppProviders api={backend.api} queryClient={createApiQueryClient()} i18n={createI18n('en')} mantineEnv="test">
        <SessionContext.Provider value={session}>
          <ScoringStatus />
        </SessionContext.Provider>
      </AppProviders>,
    );
    act(() => backend.emit('job.progress', { jobId: JOB_ID, kind: 'scoring', done: 2, total: 4, phase: 'counting', state: 'running', message: null }));
    const alone = await screen.findByTestId('scoring-status');
    await waitFor(() => expect(alone.dataset.running).toBe('true'));
    expect(within(alone).queryByTestId('scoring-cancel')).toBeNull();
  });

  it('shows how long the last run took, from its start and finish', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { policies: [samplePolicy(1)] } }));
    renderApp({ backend, path: '/policies' });
    const status = await screen.findByTestId('scoring-status');
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toBe('Nothing has been scored yet.'));
    fireEvent.click(within(status).getByTestId('scoring-run'));
    // The fake run started 1.5 s before it finished.
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toMatch(/^Last scored .* \(took 1\.5 s\): 40 persons/));
  });
});

