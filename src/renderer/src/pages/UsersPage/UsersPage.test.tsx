import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeApi';
import { sampleUser } from '../../test/fakeWorld';
import { renderApp, signedInAs } from '../../test/render';

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

  it('says who will appear here and what to do when nobody is in scope', async () => {
    renderApp({ fake: signedInAs('admin'), path: '/users' });
    const empty = await screen.findByTestId('users-empty');
    expect(within(empty).getByTestId('empty-state-next-step').textContent).toContain('create a policy');
  });
});
