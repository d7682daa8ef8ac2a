/** The welcome page after first run, with its offer of the demo organisation. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The welcome page and its demo-data card. */
export class WelcomePage {
  readonly root: Locator;
  readonly demoCard: Locator;
  readonly loadDemoButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-welcome');
    this.demoCard = page.getByTestId('demo-card');
    this.loadDemoButton = this.demoCard.getByTestId('load-demo');
  }

  /** Loads the demo organisation (imports.loadDemo) and waits until the card says it finished, well or not. */
  async loadDemo(): Promise<void> {
    await this.loadDemoButton.click();
    await expect(this.demoCard).toHaveAttribute('data-stage', /^(done|failed)$/, { timeout: 120_000 });
  }
}
