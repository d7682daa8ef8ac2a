/**
 * The Policies page: the policy list with health, the policy wizard, manual additions, the
 * detection settings tab, and the priority and pilot groups tab.
 */
import type { Locator, Page } from '@playwright/test';
import { NavbarPage } from './shell';

/** The pages between a policy's scope and its review (the wizard's steps after scope). */
const STEPS_AFTER_SCOPE = 5;

/** The policy wizard, from template to review. */
export class PolicyWizard {
  readonly name: Locator;
  readonly scopePreviewCounts: Locator;
  readonly review: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByTestId('wizard-policy-name');
    this.scopePreviewCounts = page.getByTestId('scope-preview-counts');
    this.review = page.getByTestId('policy-review');
  }

  /** Picks a template by its id (e.g. 'data-leaks'). */
  async chooseTemplate(templateId: string): Promise<void> {
    await this.page.getByTestId(`template-${templateId}`).click();
  }

  /** Goes on to the next step, `steps` times. */
  async next(steps = 1): Promise<void> {
    for (let step = 0; step < steps; step += 1) await this.page.getByTestId('wizard-next').click();
  }

  /** From the template step: on to the name, types it, and on to the scope step. */
  async nameIt(name: string): Promise<void> {
    await this.next();
    await this.name.fill(name);
    await this.next();
  }

  /** On the scope step: scopes the policy to a priority or pilot group, by the group's name. */
  async scopeToPilotGroup(groupName: string): Promise<void> {
    await this.page.getByTestId('scope-specific').click();
    await this.page.getByTestId('scope-pilot-group').click();
    await this.page.getByRole('option', { name: groupName }).click();
  }

  /** From the scope step: through the remaining steps to the review. */
  async skipToReview(): Promise<void> {
    await this.next(STEPS_AFTER_SCOPE);
  }

  /** Saves the policy from the review. */
  async save(): Promise<void> {
    await this.page.getByTestId('wizard-save').click();
  }
}

/** The drawer listing the people added to a policy by hand, with the form to add one. */
export class ManualAdditions {
  readonly root: Locator;
  readonly empty: Locator;
  readonly rows: Locator;
  readonly until: Locator;
  readonly reason: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('manual-additions');
    this.empty = this.root.getByTestId('manual-empty');
    this.rows = this.root.getByTestId('manual-row');
    this.until = this.root.getByTestId('manual-until');
    this.reason = this.root.getByTestId('manual-reason');
  }

  /** Adds the first person whose pseudonym matches `search`, for `days` days, with a reason. */
  async addPerson(search: string, days: number, reason: string): Promise<void> {
    await this.root.getByTestId('manual-persons-search').fill(search);
    await this.root.getByTestId('manual-persons-choose').first().click();
    await this.root.getByTestId('manual-days').fill(String(days));
    await this.root.getByTestId('manual-reason-input').fill(reason);
    await this.root.getByTestId('manual-submit').click();
  }

  /** Closes the drawer with Escape. */
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}

/** The form that creates a priority or pilot group. */
export class GroupCreateForm {
  readonly name: Locator;
  readonly memberResults: Locator;
  readonly chosenMembers: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByTestId('group-name');
    this.memberResults = page.getByTestId('group-create-members-result');
    this.chosenMembers = page.getByTestId('group-create-members-chosen');
  }

  /** Searches people by pseudonym for the first members. */
  async searchMembers(text: string): Promise<void> {
    await this.page.getByTestId('group-create-members-search').fill(text);
  }

  /** Chooses a search result as a member. */
  async choose(result: Locator): Promise<void> {
    await result.getByTestId('group-create-members-choose').click();
  }

  /** Creates the group. */
  async submit(): Promise<void> {
    await this.page.getByTestId('group-create-submit').click();
  }
}

/** The detail of one group: its members and the search that adds more. */
export class GroupDetail {
  readonly root: Locator;
  readonly members: Locator;
  readonly addResults: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('group-detail');
    this.members = this.root.getByTestId('group-member');
    this.addResults = this.root.getByTestId('group-add-members-result');
  }

  /** The search result of one person (by data-person-id). */
  addResult(personId: string | null): Locator {
    return this.root.locator(`[data-testid="group-add-members-result"][data-person-id="${personId}"]`);
  }

  /** Searches people by pseudonym to add. */
  async searchMembers(text: string): Promise<void> {
    await this.root.getByTestId('group-add-members-search').fill(text);
  }

  /** Chooses the first search result and adds it. */
  async addFirstResult(): Promise<void> {
    await this.root.getByTestId('group-add-members-choose').first().click();
    await this.root.getByTestId('group-add-submit').click();
  }

  /** Closes the detail with Escape. */
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}

/** The Policies page and its tabs. */
export class PoliciesPage extends NavbarPage {
  readonly cards: Locator;
  readonly scoringStatus: Locator;
  readonly wizard: PolicyWizard;
  readonly manualAdditions: ManualAdditions;
  readonly detectionSettings: Locator;
  readonly groupsEmpty: Locator;
  /** The empty groups tab's hint at the next step. */
  readonly groupsEmptyNextStep: Locator;
  readonly groupCreate: GroupCreateForm;
  readonly groupDetail: GroupDetail;

  constructor(page: Page) {
    super(page, 'policies');
    this.cards = page.getByTestId('policy-card');
    this.scoringStatus = page.getByTestId('scoring-status');
    this.wizard = new PolicyWizard(page);
    this.manualAdditions = new ManualAdditions(page);
    this.detectionSettings = page.getByTestId('detection-settings');
    this.groupsEmpty = page.getByTestId('groups-empty');
    this.groupsEmptyNextStep = this.groupsEmpty.getByTestId('empty-state-next-step');
    this.groupCreate = new GroupCreateForm(page);
    this.groupDetail = new GroupDetail(page);
  }

  /** The card of the policy whose text includes `name`. */
  card(name: string): Locator {
    return this.cards.filter({ hasText: name });
  }

  /** A policy card's count of people in scope. */
  inScope(card: Locator): Locator {
    return card.getByTestId('policy-in-scope');
  }

  /** A policy card's button to the people added by hand (its label counts them). */
  manualButton(card: Locator): Locator {
    return card.getByTestId('policy-manual');
  }

  /** Opens the policy list tab. */
  async showList(): Promise<void> {
    await this.page.getByTestId('policies-tab-list').click();
  }

  /** Opens the detection settings tab. */
  async showSettings(): Promise<void> {
    await this.page.getByTestId('policies-tab-settings').click();
  }

  /** Opens a section of the detection settings (e.g. 'domains', 'businessHours', 'privacy'). */
  async showSettingsSection(section: string): Promise<void> {
    await this.page.getByTestId(`settings-section-${section}`).click();
  }

  /** Opens the priority and pilot groups tab. */
  async showGroups(): Promise<void> {
    await this.page.getByTestId('policies-tab-groups').click();
  }

  /** Starts the policy wizard from the list. */
  async createPolicy(): Promise<PolicyWizard> {
    await this.page.getByTestId('policy-create').click();
    return this.wizard;
  }

  /** Opens the people added by hand to a policy, from its card. */
  async openManualAdditions(card: Locator): Promise<ManualAdditions> {
    await this.manualButton(card).click();
    return this.manualAdditions;
  }

  /** Starts a new group from the empty groups tab. */
  async createFirstGroup(): Promise<GroupCreateForm> {
    await this.groupsEmpty.getByTestId('group-create').click();
    return this.groupCreate;
  }

  /** The card of the group whose text includes `name`. */
  groupCard(name: string): Locator {
    return this.page.getByTestId('group-card').filter({ hasText: name });
  }

  /** A group card's line counting members and the policies using it. */
  groupMembersCount(card: Locator): Locator {
    return card.getByTestId('group-members-count');
  }

  /** Opens a group's detail from its card. */
  async openGroup(card: Locator): Promise<GroupDetail> {
    await card.getByTestId('group-open').click();
    return this.groupDetail;
  }
}
