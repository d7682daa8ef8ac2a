/** The Users page: everyone in scope with their risk level, and a person's detail. */
import type { Locator, Page } from '@playwright/test';
import { NavbarPage } from './shell';

/** The Users page. */
export class UsersPage extends NavbarPage {
  readonly rows: Locator;
  /** The policies listed in the open user's detail. */
  readonly detailPolicies: Locator;

  constructor(page: Page) {
    super(page, 'users');
    this.rows = page.getByTestId('user-row');
    this.detailPolicies = page.getByTestId('user-policy');
  }

  /** The risk level (data-risk-level) of the user in the row at `index`. */
  riskLevelAt(index: number): Promise<string | null> {
    return this.rows.nth(index).getAttribute('data-risk-level');
  }

  /** Opens the detail of the user in the row at `index` (the first by default). */
  async openUser(index = 0): Promise<void> {
    await this.rows.nth(index).click();
  }

  /** Closes the user's detail with Escape. */
  async closeUser(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
