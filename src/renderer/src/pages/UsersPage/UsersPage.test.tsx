import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../testing/fakeApi';
import { sampleUser } from '../../testing/fakeWorld';
import { renderApp, signedInAs } from '../../testing/render';

const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!;
beforeEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return this.getAttribute('data-testid') === 'user-list' ? 600 : 0;
    },
  });
  Object.defineProperty(Element.prototype, 'clientWidth', {
    configurable: true,
    get(this: Element) {
      return this.getAttribute('data-testid') === 'user-list' ? 1300 : 0;
    },
  });
});
afterEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
  Object.defineProperty(Element.prototype, 'clientWidth', clientWidth);
});

function names() {
  return screen.getAllByTestId('user-row').map((row) => within(row).getByTestId('user-name').textContent);
}

const USERS = [sampleUser(1, { score: 5 }), sampleUser(2, { score: 85 }), sampleUser(3, { score: 18 }), sampleUser(4, { score: 45 })];

describe('UsersPage', () => {
  it('lists everyone in scope, highest risk first, with how far each is below the alert threshold', async () => {
    const backend = createFakeBackend(signedInAs('analyst', { world: { users: USERS } }));
    renderApp({ backend, path: '/users' });
    await waitFor(() => expect(names()).toEqual(['AnonUSR-002', 'AnonUSR-004', 'AnonUSR-003', 'AnonUSR-001']));
    expect(screen.getByTestId('user-count').textContent).toBe('4 of 4 people in scope');
    const [high, , near, far] = screen.getAllByTestId('user-row');
    expect(high!.dataset.riskLevel).toBe('High');
    expect(within(high!).getByTestId('distance').dataset.below).toBe('0');
    expect(within(high!).getByText('Score 85 ≥ 20')).toBeTruthy();
    expect(within(near!).getByText('Score 18, 2 points below')).toBeTruthy();
    expect(within(far!).getByText('Score 5, 15 points below')).toBeTruthy();
    expect(within(far!).getByText('Departure (resignation, termination or left the directory)')).toBeTruthy();
    // An analyst has no policies.list; the policy filter comes from the alert queue's list.
    expect(backend.callsOf('policies.list')).toEqual([]);
  });

  it('searches, filters by risk level and sorts by name in the backend', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { users: USERS } }));
    renderApp({ backend, path: '/users' });
    await waitFor(() => expect(names()).toHaveLength(4));
    fireEvent.click(screen.getByTestId('user-risk-None'));
    await waitFor(() => expect(backend.callsOf('users.list').at(-1)!.input).toMatchObject({ riskLevels: ['None'] }));
    await waitFor(() => expect(names()).toEqual(['AnonUSR-003', 'AnonUSR-001']));
    fireEvent.click(screen.getByText('By name'));
    await waitFor(() => expect(names()).toEqual(['AnonUSR-001', 'AnonUSR-003']));
    fireEvent.change(screen.getByTestId('user-search'), { target: { value: 'USR-003' } });
    await waitFor(() => expect(backend.callsOf('users.list').at(-1)!.input).toEqual({ sort: 'name', text: 'USR-003', riskLevels: ['None'], offset: 0, limit: 200 }));
    await waitFor(() => expect(names()).toEqual(['AnonUSR-003']));
  });

  it('opens a person with every policy, trigger and the indicator closest to an alert', async () => {
    renderApp({ fake: signedInAs('investigator', { world: { users: USERS } }), path: '/users' });
    await waitFor(() => expect(names()).toHaveLength(4));
    fireEvent.click(screen.getAllByTestId('user-row')[3]!);
    const drawer = await screen.findByTestId('user-detail');
    const policy = await within(drawer).findByTestId('user-policy');
    expect(within(policy).getByText('No alert')).toBeTruthy();
    expect(within(policy).getByTestId('user-nearest').textContent).toContain('Copying files to removable media, 3 event(s)');
    expect(within(policy).getByTestId('distance').dataset.below).toBe('15');
  });

  it('words triggers in German from their facts, and in English falls back to the summary for rows scored before facts', async () => {
    const day = Date.UTC(2025, 11, 20);
    const german = (value: number) => new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
    const base = sampleUser(7);
    const snooper = sampleUser(7, {
      policies: [
        {
          ...base.policies[0]!,
          trigger: {
            kind: 'securityActivity',
            time: day,
            summary: 'Security activity: foreign_device_logon 1 event(s) on 2025-12-20 ≥ low threshold 1, returned to PC-OLGA (also used on 2025-12-02)',
            facts: { kind: 'securityActivity', day, indicator: 'foreign_device_logon', count: 1, level: 'low', threshold: 1, returnedTo: 'PC-OLGA', previousDay: Date.UTC(2025, 11, 2) },
            count: 1,
          },
        },
      ],
    });
    const added = sampleUser(8, {
      policies: [
        {
          ...base.policies[0]!,
          manual: true,
          trigger: { kind: 'manual', time: day, summary: 'Added by hand on 2025-12-20 for 14 days: HR tip', facts: { kind: 'manual', day, days: 14, reason: 'HR tip' }, count: 1 },
        },
      ],
    });
    const { unmount } = renderApp({ fake: signedInAs('investigator', { world: { users: [snooper, added] } }), path: '/users', language: 'de' });
    await waitFor(() => expect(names()).toHaveLength(2));
    const sentences = () => screen.getAllByTestId('user-trigger-sentence').map((element) => element.textContent);
    expect(sentences()).toEqual([
      `${new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(day)} · Sicherheitsaktivität: Anmelden am Gerät einer anderen Person, 1 Ereignis am ${german(day)} ≥ Schwelle Niedrig (1), erneut an PC-OLGA, das auch am ${german(Date.UTC(2025, 11, 2))} benutzt wurde`,
      `${new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(day)} · Am ${german(day)} von Hand für 14 Tage hinzugefügt: HR tip`,
    ]);
    fireEvent.click(screen.getAllByTestId('user-row')[1]!);
    const drawer = await screen.findByTestId('user-detail');
    expect((await within(drawer).findByTestId('user-drawer-trigger-sentence')).textContent).toBe(`: Am ${german(day)} von Hand für 14 Tage hinzugefügt: HR tip`);
    unmount();

    const old = sampleUser(9, { policies: [{ ...base.policies[0]!, trigger: { ...base.policies[0]!.trigger, facts: null } }] });
    renderApp({ fake: signedInAs('investigator', { world: { users: [old] } }), path: '/users' });
    await waitFor(() => expect(names()).toHaveLength(1));
    expect(screen.getByTestId('user-trigger-sentence').textContent).toContain('Resignation on 2025-12-20');
  });

  it('says who will appear here and what to do when nobody is in scope', async () => {
    renderApp({ fake: signedInAs('admin'), path: '/users' });
    const empty = await screen.findByTestId('users-empty');
    expect(within(empty).getByTestId('empty-state-next-step').textContent).toContain('create a policy');
  });
});
