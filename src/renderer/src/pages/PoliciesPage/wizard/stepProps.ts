/** What every wizard step receives. */
import type { PolicyDraft, StepErrors, TemplateView } from '../policyDraft';

/** Props of a wizard step: the draft, how to change it, its validation errors and the chosen template. */
export interface StepProps {
  draft: PolicyDraft;
  onChange(draft: PolicyDraft): void;
  errors: StepErrors;
  template: TemplateView | undefined;
  /** Editing an existing policy: template and name are fixed. */
  editing: boolean;
}
