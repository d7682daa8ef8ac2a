import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, openWorkbench, type TestSession, type Workbench } from '../../testing/workbench';
import { ORGANISATION_NOW, buildOrganisationWorld } from '../../testing/worlds';

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

// One backend for the file (the tests only read it): the test organisation's thief, leaker and
// snooper caught by their policies, and two colleagues added by hand, below the threshold.
let workbench: Workbench;
let admin: TestSession;
beforeAll(async () => {
  workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS, now: ORGANISATION_NOW });
  await buildOrganisationWorld(workbench, { byHand: [0, 1] });
  admin = await workbench.admin();
});
afterAll(() => workbench.close());

/** The Users page as the backend answers it. */
const usersOf = async (input: { sort?: 'risk' | 'name'; riskLevels?: ('None' | 'Low' | 'Medium' | 'High')[] } = {}) => (await admin.value('users.list', input)).users;

describe('UsersPage', () => {
  it('lists everyone in scope, highest risk first, with how far each is below the alert threshold', async () => {
    const users = await usersOf();
    expect(users).toHaveLength(5);
    const { transport } = await renderApp(workbench, { as: 'analyst', path: '/users' });
    await waitFor(() => expect(names()).toEqual(users.map((user) => user.person.displayName)));
    expect(screen.getByTestId('user-count').textContent).toBe('5 of 5 people in scope');
    const scores = users.map((user) => user.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const rows = screen.getAllByTestId('user-row');
    const [high, far] = [0, 4].map((index) => ({ row: rows[index]!, policy: users[index]!.policies[0]! }));
    expect(high.row.dataset.riskLevel).toBe('High');
    expect(within(high.row).getByTestId('distance').dataset.below).toBe('0');
    expect(within(high.row).getByText(`Score ${high.policy.score} ≥ ${high.policy.alertThreshold}`)).toBeTruthy();
    expect(far.policy.belowThresholdBy).toBeGreaterThan(1);
    expect(within(far.row).getByText(`Score ${far.policy.score}, ${far.policy.belowThresholdBy} points below`)).toBeTruthy();
    // The thief's row names the departure trigger.
    const thief = rows[users.findIndex((user) => user.policies[0]!.trigger.kind === 'departure')]!;
    expect(within(thief).getByText('Departure (resignation, termination or left the directory)')).toBeTruthy();
    // An analyst has no policies.list; the policy filter comes from the alert queue's list.
    expect(transport.callsOf('policies.list')).toEqual([]);
  });

  it('searches, filters by risk level and sorts by name in the backend', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/users' });
    await waitFor(() => expect(names()).toHaveLength(5));
    const none = await usersOf({ riskLevels: ['None'] });
    const noneByName = await usersOf({ riskLevels: ['None'], sort: 'name' });
    expect(none).toHaveLength(2);
    fireEvent.click(screen.getByTestId('user-risk-None'));
    await waitFor(() => expect(transport.callsOf('users.list').at(-1)!.input).toMatchObject({ riskLevels: ['None'] }));
    await waitFor(() => expect(names()).toEqual(none.map((user) => user.person.displayName)));
    fireEvent.click(screen.getByText('By name'));
    await waitFor(() => expect(names()).toEqual(noneByName.map((user) => user.person.displayName)));
    const sought = noneByName[1]!.person.displayName;
    fireEvent.change(screen.getByTestId('user-search'), { target: { value: sought.slice(4) } });
    await waitFor(() => expect(transport.callsOf('users.list').at(-1)!.input).toEqual({ sort: 'name', text: sought.slice(4), riskLevels: ['None'], offset: 0, limit: 200 }));
    await waitFor(() => expect(names()).toEqual([sought]));
  });

  it('opens a person with every policy, trigger and the indicator closest to an alert', async () => {
    const users = await usersOf();
    const below = users[3]!.policies[0]!;
    await renderApp(workbench, { as: 'investigator', path: '/users' });
    await waitFor(() => expect(names()).toHaveLength(5));
    fireEvent.click(screen.getAllByTestId('user-row')[3]!);
    const drawer = await screen.findByTestId('user-detail');
    const policy = await within(drawer).findByTestId('user-policy');
    expect(within(policy).getByText('No alert')).toBeTruthy();
    expect(below.nearest).toEqual({ indicator: 'email_external_attachments', count: 1, threshold: 3 });
    expect(within(policy).getByTestId('user-nearest').textContent).toContain('Sending e-mail with attachments to recipients outside the organisation, 1 event(s)');
    expect(within(policy).getByTestId('distance').dataset.below).toBe(String(below.belowThresholdBy));
  });

  it('words triggers in German from their facts, not the English summary', async () => {
    const users = await usersOf();
    const german = (value: number) => new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
    const shortDay = (value: number) => new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(value);
    await renderApp(workbench, { as: 'investigator', path: '/users', language: 'de' });
    await waitFor(() => expect(names()).toHaveLength(5));
    const sentences = screen.getAllByTestId('user-trigger-sentence').map((element) => element.textContent);
    const departing = users.findIndex((user) => user.policies[0]!.trigger.kind === 'departure');
    const departure = users[departing]!.policies[0]!.trigger;
    expect(departure.facts).toMatchObject({ kind: 'departure', hrKind: 'resignation' });
    expect(sentences[departing]).toContain(`Kündigung durch die Person am ${german(departure.facts!.day)}`);
    expect(sentences[departing]).not.toContain('Resignation');
    const manual = users[3]!.policies[0]!.trigger;
    expect(manual.facts).toMatchObject({ kind: 'manual', days: 14, reason: 'HR tip' });
    expect(sentences[3]).toBe(`${shortDay(manual.time)} · Am ${german(manual.facts!.day)} von Hand für 14 Tage hinzugefügt: HR tip`);
    fireEvent.click(screen.getAllByTestId('user-row')[3]!);
    const drawer = await screen.findByTestId('user-detail');
    expect((await within(drawer).findByTestId('user-drawer-trigger-sentence')).textContent).toBe(`: Am ${german(manual.facts!.day)} von Hand für 14 Tage hinzugefügt: HR tip`);
  });

  it('says who will appear here and what to do when nobody is in scope', async () => {
    const empty = await openWorkbench({ accounts: [STANDARD_ACCOUNTS[0]!] });
    try {
      await renderApp(empty, { as: 'admin', path: '/users' });
      const state = await screen.findByTestId('users-empty');
      expect(within(state).getByTestId('empty-state-next-step').textContent).toContain('create a policy');
    } finally {
      empty.close();
    }
  });
});
