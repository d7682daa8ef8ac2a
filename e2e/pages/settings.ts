/** The Settings page: accounts and role groups. */
import type { Locator, Page } from '@playwright/test';
import { NavbarPage } from './shell';

/** The form that creates an account. */
export class CreateAccountForm {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('create-account');
  }

  /** Fills name, password and role groups (each picked by its option name); nothing is submitted yet. */
  async fill(name: string, password: string, roleGroups: string[]): Promise<void> {
    await this.root.getByTestId('create-account-name').fill(name);
    await this.root.getByTestId('create-account-password').fill(password);
    for (const group of roleGroups) {
      // The combobox's input sits under its pill container, which takes the click as a user's would.
      await this.root.getByTestId('role-groups-input').click({ force: true });
      await this.page.getByRole('option', { name: group }).click();
    }
    // Closes the role groups' dropdown.
    await this.page.keyboard.press('Escape');
  }

  /** Creates the account. */
  async submit(): Promise<void> {
    await this.root.getByTestId('create-account-submit').click();
  }
}

/** The Settings page. */
export class SettingsPage extends NavbarPage {
  readonly accountsTable: Locator;
  readonly createAccountForm: CreateAccountForm;

  constructor(page: Page) {
    super(page, 'settings');
    this.accountsTable = page.getByTestId('accounts-table');
    this.createAccountForm = new CreateAccountForm(page);
  }

  /** The accounts table's row of one account. */
  accountRow(name: string): Locator {
    return this.page.getByTestId(`account-row-${name}`);
  }

  /** Opens the form that creates an account. */
  async startCreateAccount(): Promise<CreateAccountForm> {
    await this.page.getByTestId('create-account-button').click();
    return this.createAccountForm;
  }
}
