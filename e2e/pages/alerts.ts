/** The Alerts queue, its keyboard shortcuts, the alert detail drawer and the dismiss confirmation. */
import { expect, type Locator, type Page } from '@playwright/test';
import { NavbarPage } from './shell';

/** The detail drawer of one alert: person, score explanation, activities and chart. */
export class AlertDetail {
  readonly root: Locator;
  readonly personName: Locator;
  readonly explanation: Locator;
  /** The explanation's first day (the top one carries data-top="true"). */
  readonly firstInsightDay: Locator;
  /** The explanation's first insight, with its threshold and result lines. */
  readonly firstInsight: Locator;
  readonly firstInsightThreshold: Locator;
  readonly firstInsightResult: Locator;
  readonly activityRows: Locator;
  readonly chartSummary: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('alert-detail');
    this.personName = this.root.getByTestId('alert-person-name');
    this.explanation = this.root.getByTestId('score-explanation');
    this.firstInsightDay = this.explanation.getByTestId('insight-day').first();
    this.firstInsight = this.explanation.getByTestId('insight').first();
    this.firstInsightThreshold = this.firstInsight.getByTestId('insight-threshold');
    this.firstInsightResult = this.firstInsight.getByTestId('insight-result');
    this.activityRows = this.root.getByTestId('activity-row');
    this.chartSummary = this.root.getByTestId('activity-chart-summary');
    this.chart = this.root.locator('.recharts-surface').first();
  }

  /** An activity row's source (file:line). */
  activitySource(row: Locator): Locator {
    return row.getByTestId('activity-source');
  }

  /** Opens the Activities tab. */
  async showActivities(): Promise<void> {
    await this.root.getByTestId('alert-tab-activities').click();
  }

  /** Opens the chart tab. */
  async showChart(): Promise<void> {
    await this.root.getByTestId('alert-tab-chart').click();
  }

  /** Closes the drawer with Escape. */
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}

/** The confirmation that dismisses the selected alerts. */
export class DismissModal {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dismiss-modal');
  }

  /** The modal as a dialog by its title (e.g. 'Dismiss 2 alerts'). */
  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** Picks the reason from its list by the option's text. */
  async chooseReason(reason: string): Promise<void> {
    await this.root.getByTestId('dismiss-reason').click();
    await this.page.getByRole('option', { name: reason }).click();
  }

  /** Types the note. */
  async fillNote(note: string): Promise<void> {
    await this.root.getByTestId('dismiss-note').fill(note);
  }

  /** Confirms the dismissal. */
  async confirm(): Promise<void> {
    await this.root.getByTestId('dismiss-confirm').click();
  }
}

/** The Alerts page. */
export class AlertsPage extends NavbarPage {
  readonly rows: Locator;
  readonly count: Locator;
  readonly needsReviewWidget: Locator;
  readonly queue: Locator;
  readonly selectionCount: Locator;
  readonly shortcutsHelp: Locator;
  readonly detail: AlertDetail;
  readonly dismissModal: DismissModal;

  constructor(page: Page) {
    super(page, 'alerts');
    this.rows = page.getByTestId('alert-row');
    this.count = page.getByTestId('alert-count');
    this.needsReviewWidget = page.getByTestId('widget-needs-review');
    this.queue = page.getByTestId('alert-queue');
    this.selectionCount = page.getByTestId('selection-count');
    this.shortcutsHelp = page.getByTestId('shortcuts-help');
    this.detail = new AlertDetail(page);
    this.dismissModal = new DismissModal(page);
  }

  /** The queue's row of one alert. */
  row(alertId: number): Locator {
    return this.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
  }

  /** The id of the alert in the queue's row at `index`. */
  async alertIdAt(index: number): Promise<number> {
    return Number(await this.rows.nth(index).getAttribute('data-alert-id'));
  }

  /** Opens the keyboard-shortcuts help and waits for it. */
  async showShortcuts(): Promise<void> {
    await this.page.getByTestId('shortcuts-button').click();
    await expect(this.shortcutsHelp).toBeVisible();
  }

  /** Opens the detail of the alert in the row at `index` (the first by default). */
  async openAlert(index = 0): Promise<AlertDetail> {
    await this.rows.nth(index).click();
    return this.detail;
  }

  /** Gives the queue the keyboard focus (a click on its edge, away from any row). */
  async focusQueue(): Promise<void> {
    await this.queue.click({ position: { x: 5, y: 5 } });
  }

  /** Presses one of the queue's keyboard shortcuts ('x' select, 'j' next, 'd' dismiss, ...). */
  async pressShortcut(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /**
   * From the focused queue, selects `count` consecutive alerts from the current one with the
   * keyboard ('x', then 'j' and 'x' for each further alert).
   */
  async selectWithKeyboard(count: number): Promise<void> {
    for (let selected = 0; selected < count; selected += 1) {
      if (selected > 0) await this.pressShortcut('j');
      await this.pressShortcut('x');
    }
  }

  /** Asks to dismiss the selected alerts with the keyboard ('d'); returns the confirmation. */
  async dismissSelectedWithKeyboard(): Promise<DismissModal> {
    await this.pressShortcut('d');
    return this.dismissModal;
  }
}
