/** The auth gate's screens: first run (the first account), sign-in and the lock screen. */
import { expect, type Locator, type Page } from '@playwright/test';

/** First run, sign-in and lock; `defaultPassword` is what the actions type unless told otherwise. */
export class AuthScreens {
  readonly firstRunScreen: Locator;
  readonly firstRunName: Locator;
  readonly firstRunPassword: Locator;
  readonly firstRunConfirmation: Locator;
  readonly firstRunSubmit: Locator;
  readonly signInScreen: Locator;
  readonly signInName: Locator;
  readonly signInPassword: Locator;
  readonly signInSubmit: Locator;
  readonly lockScreen: Locator;
  readonly lockPassword: Locator;
  readonly lockSubmit: Locator;
  private readonly welcome: Locator;
  private readonly navigation: Locator;

  constructor(
    readonly page: Page,
    private readonly defaultPassword: string,
  ) {
    this.firstRunScreen = page.getByTestId('first-run-screen');
    this.firstRunName = page.getByTestId('first-run-name');
    this.firstRunPassword = page.getByTestId('first-run-password');
    this.firstRunConfirmation = page.getByTestId('first-run-confirmation');
    this.firstRunSubmit = page.getByTestId('first-run-submit');
    this.signInScreen = page.getByTestId('sign-in-screen');
    this.signInName = page.getByTestId('sign-in-name');
    this.signInPassword = page.getByTestId('sign-in-password');
    this.signInSubmit = page.getByTestId('sign-in-submit');
    this.lockScreen = page.getByTestId('lock-screen');
    this.lockPassword = page.getByTestId('lock-password');
    this.lockSubmit = page.getByTestId('lock-submit');
    this.welcome = page.getByTestId('page-welcome');
    this.navigation = page.getByTestId('navigation');
  }

  /** Fills the first-run form and submits it (whatever the outcome). */
  async submitFirstRun(name: string, password = this.defaultPassword, confirmation = password): Promise<void> {
    await this.firstRunName.fill(name);
    await this.firstRunPassword.fill(password);
    await this.firstRunConfirmation.fill(confirmation);
    await this.firstRunSubmit.click();
  }

  /** Creates the first account on the first-run screen and waits for the welcome page. */
  async createFirstAccount(name = 'admin', password = this.defaultPassword): Promise<void> {
    await expect(this.firstRunScreen).toBeVisible();
    await this.submitFirstRun(name, password);
    await expect(this.welcome).toBeVisible();
  }

  /** Fills the sign-in form and submits it (whatever the outcome). */
  async submitSignIn(name: string, password = this.defaultPassword): Promise<void> {
    await this.signInName.fill(name);
    await this.signInPassword.fill(password);
    await this.signInSubmit.click();
  }

  /** Signs in on the sign-in screen and waits until the shell (its navbar) shows. */
  async signIn(name: string, password = this.defaultPassword): Promise<void> {
    await expect(this.signInScreen).toBeVisible();
    await this.submitSignIn(name, password);
    await expect(this.navigation).toBeVisible();
  }

  /** Unlocks the lock screen with the password and waits until it is gone. */
  async unlock(password = this.defaultPassword): Promise<void> {
    await this.lockPassword.fill(password);
    await this.lockSubmit.click();
    await expect(this.lockScreen).toBeHidden();
  }
}
