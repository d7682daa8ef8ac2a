/** The Audit page: the log with its filters, an entry's drawer, verification and the CSV export. */
import type { Download, Locator, Page } from '@playwright/test';
import { NavbarPage } from './shell';

/** The Audit page. */
export class AuditPage extends NavbarPage {
  readonly rows: Locator;
  /** The rows of refused calls (data-result="denied"). */
  readonly deniedRows: Locator;
  readonly filterText: Locator;
  readonly filterActor: Locator;
  readonly verifyResult: Locator;
  /** The open entry's drawer. */
  readonly entry: Locator;

  constructor(page: Page) {
    super(page, 'audit');
    this.rows = page.getByTestId('audit-row');
    this.deniedRows = this.rows.and(page.locator('[data-result="denied"]'));
    this.filterText = page.getByTestId('audit-filter-text');
    this.filterActor = page.getByTestId('audit-filter-actor');
    this.verifyResult = page.getByTestId('audit-verify-result');
    this.entry = page.getByTestId('audit-entry-drawer').getByRole('dialog');
  }

  /** The rows whose text includes `text` (e.g. an action such as 'auth.signIn'). */
  rowsWith(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** Filters the log by text (applies after a typing pause). */
  async filterByText(text: string): Promise<void> {
    await this.filterText.fill(text);
  }

  /** Filters the log by actor (applies after a typing pause). */
  async filterByActor(actor: string): Promise<void> {
    await this.filterActor.fill(actor);
  }

  /** Opens an entry's drawer from its row. */
  async openEntry(row: Locator): Promise<Locator> {
    await row.click();
    return this.entry;
  }

  /** Asks the backend to verify the log's hash chain. */
  async verify(): Promise<void> {
    await this.page.getByTestId('audit-verify').click();
  }

  /** Exports the log as CSV and resolves to the download. */
  async exportCsv(): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByTestId('audit-export').click();
    return downloading;
  }
}
