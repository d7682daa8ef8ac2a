/**
 * The app shell: readiness, the navbar, the header's controls (colour scheme, language, About,
 * account menu) and the screens every page can show (not allowed, an error alert).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The navbar's pages in order (src/renderer/src/features/shell/navigation.ts). */
export const PAGE_IDS = [
  'alerts',
  'cases',
  'content',
  'users',
  'policies',
  'analytics',
  'notices',
  'imports',
  'audit',
  'settings',
] as const;
/** A navbar page. */
export type PageId = (typeof PAGE_IDS)[number];
/** The screen the auth gate shows: 'setup', 'signedOut', 'signedIn' (body[data-auth-state]). */
export type AuthState = string;
/** A segment of the colour-scheme control. */
export type ColorScheme = 'light' | 'dark' | 'system';

/** The About dialog's fields. */
export class AboutDialog {
  readonly dialog: Locator;
  readonly appVersion: Locator;
  readonly schemaVersion: Locator;
  readonly dataFolder: Locator;
  readonly anonymization: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'About Insider Risk Workbench' });
    this.appVersion = this.dialog.getByTestId('about-app-version');
    this.schemaVersion = this.dialog.getByTestId('about-schema-version');
    this.dataFolder = this.dialog.getByTestId('about-data-folder');
    this.anonymization = this.dialog.getByTestId('about-anonymization');
  }
}

/** The shell around every page. */
export class AppShell {
  /** The document element (carries data-mantine-color-scheme and lang). */
  readonly document: Locator;
  readonly navigation: Locator;
  readonly pageTitle: Locator;
  readonly signedInAccount: Locator;
  readonly notAllowed: Locator;
  readonly errorAlert: Locator;
  readonly about: AboutDialog;

  /** `appUrl` is the app's address (`app.url`), for opening routes directly. */
  constructor(
    readonly page: Page,
    private readonly appUrl: string,
  ) {
    this.document = page.locator('html');
    this.navigation = page.getByTestId('navigation');
    this.pageTitle = page.getByTestId('page-title');
    this.signedInAccount = page.getByTestId('signed-in-account');
    this.notAllowed = page.getByTestId('not-allowed');
    this.errorAlert = page.getByTestId('error-alert');
    this.about = new AboutDialog(page);
  }

  /** Waits for the app's readiness signal (auth.status has loaded) and returns the screen it shows. */
  async ready(): Promise<AuthState> {
    await expect(this.page.locator('body[data-app-ready="true"]')).toHaveCount(1);
    return (await this.page.locator('body').getAttribute('data-auth-state')) ?? '';
  }

  /** Reloads the app (the session is kept) and returns the screen it shows once ready. */
  async reload(): Promise<AuthState> {
    await this.page.reload();
    return this.ready();
  }

  /** Opens a route directly (a fresh load of the app at that hash, e.g. '/content') and waits until ready. */
  async openRoute(route: string): Promise<AuthState> {
    const url = new URL(this.appUrl);
    url.hash = route;
    await this.page.goto(url.toString());
    return this.ready();
  }

  /** The navbar entry of a page. */
  navItem(id: PageId): Locator {
    return this.page.getByTestId(`nav-${id}`);
  }

  /** A page's root element. */
  pageRoot(id: PageId | 'welcome'): Locator {
    return this.page.getByTestId(`page-${id}`);
  }

  /** Opens a page from the navbar and waits until it shows. */
  async navigateTo(id: PageId): Promise<void> {
    await this.navItem(id).click();
    await expect(this.pageRoot(id)).toBeVisible();
  }

  /** The ids of the navbar entries shown, in order. */
  async navigationIds(): Promise<string[]> {
    const ids = await this.navigation
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')));
    return ids.map((id) => String(id).replace('nav-', ''));
  }

  /** A segment of the colour-scheme control by its accessible name ('Light', 'Dark', 'Follow the system'). */
  schemeRadio(name: string): Locator {
    return this.page.getByRole('radio', { name });
  }

  /**
   * Clicks a segment of the colour-scheme control (its radio inputs are visually hidden); for light
   * and dark, waits until the document shows it.
   */
  async chooseScheme(scheme: ColorScheme): Promise<void> {
    await this.page.getByTestId(`color-scheme-${scheme}`).click();
    if (scheme !== 'system') await expect(this.document).toHaveAttribute('data-mantine-color-scheme', scheme);
  }

  /** The colour scheme Mantine applied to the document. */
  appliedScheme(): Promise<string | null> {
    return this.document.getAttribute('data-mantine-color-scheme');
  }

  /** Switches the interface language through the header's switch (e.g. 'de'). */
  async chooseLanguage(language: string): Promise<void> {
    await this.page.getByTestId('language-switch').click();
    await this.page.getByTestId(`language-${language}`).click();
  }

  /** Opens the About dialog. */
  async openAbout(): Promise<AboutDialog> {
    await this.page.getByTestId('about-button').click();
    return this.about;
  }

  /** Signs out through the account menu and waits for the sign-in screen. */
  async signOut(): Promise<void> {
    await this.page.getByTestId('account-menu').click();
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('sign-in-screen')).toBeVisible();
  }

  /** Locks the workstation through the account menu and waits for the lock screen. */
  async lockNow(): Promise<void> {
    await this.page.getByTestId('account-menu').click();
    await this.page.getByTestId('lock-now').click();
    await expect(this.page.getByTestId('lock-screen')).toBeVisible();
  }

  /** Closes the topmost drawer, modal or popover as a user would, with Escape. */
  async pressEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}

/** Base of the navbar pages: opening one from the navbar. */
export abstract class NavbarPage {
  /** The page's root element. */
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly id: PageId,
  ) {
    this.root = page.getByTestId(`page-${id}`);
  }

  /** Opens the page from the navbar and waits until it shows. */
  async open(): Promise<void> {
    await this.page.getByTestId(`nav-${this.id}`).click();
    await expect(this.root).toBeVisible();
  }
}
