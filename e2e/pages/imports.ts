/** The Imports page: the path to preview, the preview, a run's result or failure, and the history. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { NavbarPage } from './shell';

/** The preview of a path: detected format, column mapping, first rows, problems. */
export class ImportPreview {
  readonly root: Locator;
  readonly file: Locator;
  readonly mapping: Locator;
  readonly sample: Locator;
  readonly problems: Locator;
  readonly startButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('import-preview');
    this.file = this.root.getByTestId('preview-file');
    this.mapping = this.root.getByTestId('preview-mapping');
    this.sample = this.root.getByTestId('preview-sample');
    this.problems = this.root.getByTestId('preview-problems');
    this.startButton = this.root.getByTestId('import-start');
  }

  /** Starts the import of what is previewed. */
  async start(): Promise<void> {
    await this.startButton.click();
  }
}

/** One import run as the page shows it after starting: progress, then its result. */
export class ImportRun {
  readonly result: Locator;
  readonly resultCounts: Locator;
  readonly duplicates: Locator;
  readonly rejectsLink: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {
    this.result = root.getByTestId('import-result');
    this.resultCounts = root.getByTestId('import-result-counts');
    this.duplicates = root.getByTestId('import-duplicates');
    this.rejectsLink = root.getByTestId('import-run-rejects');
  }

  /** Downloads the rejected rows' file. */
  async downloadRejects(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.rejectsLink.click();
    return download;
  }
}

/** A failed run: what stopped it, and the retry. */
export class ImportFailure {
  readonly root: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('import-failure');
    this.problem = this.root.getByTestId('import-problem');
  }

  /** Retries the import skipping the bad rows. */
  async retrySkippingBadRows(): Promise<void> {
    await this.root.getByTestId('import-retry-skip').click();
  }
}

/** The Imports page. */
export class ImportsPage extends NavbarPage {
  readonly history: Locator;
  readonly path: Locator;
  readonly preview: ImportPreview;
  /** Every run shown on the page (the latest first). */
  readonly runs: Locator;
  /** The latest run shown on the page. */
  readonly run: ImportRun;
  readonly failure: ImportFailure;
  readonly historyRows: Locator;
  /** The open import's file entries (in its detail). */
  readonly detailFiles: Locator;

  constructor(page: Page) {
    super(page, 'imports');
    this.history = page.getByTestId('import-history');
    this.path = page.getByTestId('import-path');
    this.preview = new ImportPreview(page);
    this.runs = page.getByTestId('import-run');
    this.run = new ImportRun(page, this.runs.first());
    this.failure = new ImportFailure(page);
    this.historyRows = page.getByTestId('import-row');
    this.detailFiles = page.getByTestId('import-detail').getByTestId('import-file');
  }

  /** Types a path and asks for its preview (whatever the outcome). */
  async requestPreview(path: string): Promise<void> {
    await this.path.fill(path);
    await this.page.getByTestId('import-preview-button').click();
  }

  /** Types a path, previews it, and waits for the preview panel. */
  async previewPath(path: string): Promise<ImportPreview> {
    await this.requestPreview(path);
    await expect(this.preview.root).toBeVisible();
    return this.preview;
  }

  /** Opens an import from its history row. */
  async openImport(row: Locator): Promise<void> {
    await row.click();
  }

  /** Closes the import's detail with Escape. */
  async closeImport(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
