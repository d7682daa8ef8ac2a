import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, TEST_PASSWORD, openWorkbench, type Workbench } from '../../testing/workbench';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function openAction(account: string, action: 'role-groups' | 'scopes' | 'password' | 'lock') {
  fireEvent.click(screen.getByTestId(`account-actions-${account}`));
  fireEvent.click(await screen.findByTestId(`action-${action}`));
}

/** Picks an option of the open Mantine combobox by its label. */
async function pickOption(label: string) {
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

/** Longer than a sign-in counts as a recent password entry (5 minutes), shorter than the idle lock. */
const PAST_REAUTH_WINDOW = 6 * 60_000;

let workbench: Workbench;
afterEach(() => workbench.close());

/** The account as the backend has it now. */
async function accountNamed(name: string) {
  const accounts = await (await workbench.admin()).value('accounts.list');
  return accounts.find((account) => account.name === name)!;
}

describe('AccountsPanel', () => {
  it('lists accounts with role groups, scopes, status and last sign-in', async () => {
    workbench = await openWorkbench({
      accounts: [
        { name: 'admin', roleGroups: ['InsiderRiskManagement'] },
        { name: 'emea-analyst', roleGroups: ['Analysts'], scopes: [{ attribute: 'region', values: ['EMEA'] }] },
        { name: 'former', roleGroups: ['Investigators'], locked: true },
      ],
    });
    await renderApp(workbench, { as: 'admin', path: '/settings/accounts' });
    await screen.findByTestId('accounts-table');
    const admin = screen.getByTestId('account-row-admin');
    expect(within(admin).getByText('Insider Risk Management')).toBeTruthy();
    expect(within(admin).getByText('All persons')).toBeTruthy();
    expect(within(admin).getByText('you')).toBeTruthy();
    expect(within(admin).queryByText('Never')).toBeNull();
    const analyst = screen.getByTestId('account-row-emea-analyst');
    expect(within(analyst).getByText('Region: EMEA')).toBeTruthy();
    expect(within(analyst).getByText('Never')).toBeTruthy();
    expect(screen.getByTestId('account-row-former').dataset.locked).toBe('true');
    expect(within(screen.getByTestId('account-row-former')).getByText('Locked')).toBeTruthy();
  });

  it('creates an account with role groups and a scope', async () => {
    workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/settings/accounts' });
    fireEvent.click(await screen.findByTestId('create-account-button'));
    type('create-account-name', 'nina');
    type('create-account-password', 'short');
    fireEvent.click(screen.getByTestId('create-account-submit'));
    expect(await screen.findByText('The password needs at least 12 characters.')).toBeTruthy();
    expect(screen.getByText('Choose at least one role group.')).toBeTruthy();

    type('create-account-password', TEST_PASSWORD);
    fireEvent.click(within(screen.getByTestId('create-account')).getByTestId('role-groups-input'));
    await pickOption('Insider Risk Management Investigators');
    fireEvent.click(screen.getByTestId('add-scope'));
    fireEvent.click(screen.getByTestId('scope-attribute-0'));
    await pickOption('Country');
    const values = screen.getByTestId('scope-values-0');
    // Mantine's comboboxes take typing only from the focused input (autofill guard), as a user types.
    values.focus();
    fireEvent.change(values, { target: { value: 'DE' } });
    fireEvent.keyDown(values, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('create-account-submit'));

    await waitFor(() => expect(transport.callsOf('accounts.create').at(-1)?.outcome).toBe('ok'));
    expect(transport.callsOf('accounts.create').at(-1)!.input).toEqual({
      name: 'nina',
      password: TEST_PASSWORD,
      roleGroups: ['Investigators'],
      scopes: [{ attribute: 'country', values: ['DE'] }],
    });
    const row = await screen.findByTestId('account-row-nina');
    expect(within(row).getByText('Country: DE')).toBeTruthy();
  });

  it('asks for the password when the API answers REAUTH_REQUIRED, then retries the change', async () => {
    workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/settings/accounts' });
    await screen.findByTestId('accounts-table');
    workbench.clock.advance(PAST_REAUTH_WINDOW);
    await openAction('analyst', 'role-groups');
    fireEvent.click(within(screen.getByTestId('edit-role-groups')).getByTestId('role-groups-input'));
    await pickOption('Insider Risk Management Investigators');
    fireEvent.click(screen.getByTestId('edit-role-groups-submit'));

    await screen.findByTestId('reauth-form');
    expect(screen.getByText('Enter your password again to confirm this sensitive action.')).toBeTruthy();
    expect(transport.callsOf('accounts.setRoleGroups').map((call) => call.outcome)).toEqual(['REAUTH_REQUIRED']);

    type('reauth-password', 'not my password');
    fireEvent.click(screen.getByTestId('reauth-submit'));
    expect(await screen.findByText('Wrong password.')).toBeTruthy();

    type('reauth-password', TEST_PASSWORD);
    fireEvent.click(screen.getByTestId('reauth-submit'));
    await waitFor(() => expect(transport.callsOf('accounts.setRoleGroups').map((call) => call.outcome)).toEqual(['REAUTH_REQUIRED', 'ok']));
    expect((await accountNamed('analyst')).roleGroups).toEqual(['Analysts', 'Investigators']);
    await waitFor(() => expect(screen.queryByTestId('reauth-form')).toBeNull());
    await waitFor(() => expect(screen.queryByTestId('edit-role-groups')).toBeNull());
    expect(within(screen.getByTestId('account-row-analyst')).getByText('Insider Risk Management Investigators')).toBeTruthy();
  });

  it('cancelling the password prompt leaves the account unchanged', async () => {
    workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/settings/accounts' });
    await screen.findByTestId('accounts-table');
    workbench.clock.advance(PAST_REAUTH_WINDOW);
    await openAction('auditor', 'password');
    type('reset-password-password', 'a brand new password');
    type('reset-password-confirmation', 'a brand new password');
    fireEvent.click(screen.getByTestId('reset-password-submit'));
    await screen.findByTestId('reauth-form');
    fireEvent.click(within(screen.getByTestId('reauth-form')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('reauth-form')).toBeNull());
    expect(transport.callsOf('accounts.resetPassword').map((call) => call.outcome)).toEqual(['REAUTH_REQUIRED']);
    // The old password still signs in.
    await expect(workbench.connect({ signInAs: 'auditor', password: TEST_PASSWORD })).resolves.toBeTruthy();
    expect(screen.getByTestId('reset-password')).toBeTruthy();
  });

  it("shows the zero-administrator guard's message as the API words it", async () => {
    workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    await renderApp(workbench, { as: 'admin', path: '/settings/accounts' });
    await screen.findByTestId('accounts-table');
    await openAction('admin', 'role-groups');
    const form = screen.getByTestId('edit-role-groups');
    // Replace Insider Risk Management by Auditors: that would leave no administrator.
    fireEvent.click(within(form).getByTestId('role-groups-input'));
    await pickOption('Insider Risk Management Auditors');
    fireEvent.click(within(form).getByTestId('role-groups-input'));
    await pickOption('Insider Risk Management');
    fireEvent.click(screen.getByTestId('edit-role-groups-submit'));
    expect(await within(form).findByText(/Refused: this is the last active account in Insider Risk Management or Admins/)).toBeTruthy();
  });

  it('locks an account with a reason and unlocks it', async () => {
    workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/settings/accounts' });
    await screen.findByTestId('accounts-table');
    await openAction('investigator', 'lock');
    type('set-locked-reason', 'Left the team');
    fireEvent.click(screen.getByTestId('set-locked-submit'));
    await waitFor(() => expect(screen.getByTestId('account-row-investigator').dataset.locked).toBe('true'));
    expect(transport.callsOf('accounts.setLocked').at(-1)!.input).toEqual({ accountId: 4, locked: true, reason: 'Left the team' });

    await openAction('investigator', 'lock');
    fireEvent.click(screen.getByTestId('set-locked-submit'));
    await waitFor(() => expect(screen.getByTestId('account-row-investigator').dataset.locked).toBe('false'));
  });
});
