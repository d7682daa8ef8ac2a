import { Button, Group, Loader, Modal, ScrollArea, Stack, Stepper, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyView } from '../../../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert';
import {
  WIZARD_STEPS,
  createInputOf,
  draftFromPolicy,
  emptyDraft,
  firstInvalidStep,
  updateInputOf,
  validateStep,
  type PolicyDraft,
  type StepErrors,
  type WizardStep,
} from '../policyDraft';
import { ContentStep } from './ContentStep';
import { IndicatorsStep } from './IndicatorsStep';
import { NameStep } from './NameStep';
import { OptionsStep } from './OptionsStep';
import { ReviewStep } from './ReviewStep';
import { ScopeStep } from './ScopeStep';
import { TemplateStep } from './TemplateStep';
import { ThresholdsStep } from './ThresholdsStep';
import type { StepProps } from './stepProps';

/** Create a new policy, or edit one (template and name fixed). */
export type WizardMode = { kind: 'create' } | { kind: 'edit'; policy: PolicyView };

/**
 * The policy wizard: template → name → people in scope → priority content → indicators →
 * thresholds → options → review. Each step is checked before the next; saving creates or updates
 * the policy (the backend re-scores in the background).
 */
export function PolicyWizard({ mode, onClose, onSaved }: { mode: WizardMode | null; onClose(): void; onSaved(policy: PolicyView): void }) {
  const { t } = useTranslation();
  const templates = useApiQuery('policies.templates', {}, { enabled: mode !== null });
  const [draft, setDraft] = useState<PolicyDraft>(emptyDraft);
  const [active, setActive] = useState(0);
  const [errors, setErrors] = useState<StepErrors>({});
  const [reached, setReached] = useState(0);
  const editing = mode?.kind === 'edit';

  useEffect(() => {
    if (!mode) return;
    setDraft(mode.kind === 'edit' ? draftFromPolicy(mode.policy) : emptyDraft());
    setActive(mode.kind === 'edit' ? 2 : 0);
    setReached(mode.kind === 'edit' ? WIZARD_STEPS.length - 1 : 0);
    setErrors({});
  }, [mode]);

  const template = templates.data?.find((candidate) => candidate.id === draft.template);
  const saved = (policy: PolicyView) => {
    onSaved(policy);
    onClose();
  };
  // groups.list says which policies use each group.
  const create = useApiMutation('policies.create', { onSuccess: saved });
  const update = useApiMutation('policies.update', { onSuccess: saved });
  const saving = create.isPending || update.isPending;

  const goTo = (index: number) => {
    setErrors({});
    setActive(index);
    setReached((previous) => Math.max(previous, index));
  };
  const next = () => {
    const problems = validateStep(WIZARD_STEPS[active]!, draft, template);
    if (Object.keys(problems).length > 0) return setErrors(problems);
    goTo(Math.min(active + 1, WIZARD_STEPS.length - 1));
  };
  const save = () => {
    const invalid = firstInvalidStep(draft, template);
    if (invalid) {
      setActive(WIZARD_STEPS.indexOf(invalid));
      setErrors(validateStep(invalid, draft, template));
      return;
    }
    if (mode?.kind === 'edit') update.mutate(updateInputOf(mode.policy.id, draft, template));
    else create.mutate(createInputOf(draft, template));
  };
  const change = (next: PolicyDraft) => {
    setDraft(next);
    // A fixed field clears its message as soon as it is valid.
    if (Object.keys(errors).length > 0) setErrors(validateStep(WIZARD_STEPS[active]!, next, template));
  };

  const props: StepProps = { draft, onChange: change, errors, template, editing };
  const bodies: Record<WizardStep, ReactNode> = {
    template: <TemplateStep {...props} templates={templates.data ?? []} />,
    name: <NameStep {...props} />,
    scope: <ScopeStep {...props} />,
    content: <ContentStep {...props} />,
    indicators: <IndicatorsStep {...props} />,
    thresholds: <ThresholdsStep {...props} />,
    options: <OptionsStep {...props} />,
    review: <ReviewStep {...props} />,
  };
  const last = active === WIZARD_STEPS.length - 1;

  return (
    <Modal
      opened={mode !== null}
      onClose={onClose}
      size="min(1180px, 96vw)"
      title={editing ? t('policies.wizard.editTitle', { name: mode.policy.name }) : t('policies.wizard.createTitle')}
      closeOnClickOutside={false}
      data-testid="policy-wizard"
    >
      {templates.isPending ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="md">
          <ErrorAlert error={templates.error} />
          <Stepper
            active={active}
            onStepClick={(index) => {
              if (index <= reached) goTo(index);
            }}
            size="xs"
            iconSize={28}
            allowNextStepsSelect={false}
            wrap={false}
            data-testid="policy-wizard-steps"
            data-step={WIZARD_STEPS[active]}
          >
            {WIZARD_STEPS.map((step, index) => (
              <Stepper.Step key={step} label={t(`policies.wizard.steps.${step}`)} allowStepSelect={index <= reached} data-testid={`wizard-step-${step}`} />
            ))}
          </Stepper>
          <Text size="sm" c="dimmed">
            {t(`policies.wizard.stepHints.${WIZARD_STEPS[active]!}`)}
          </Text>
          <ScrollArea.Autosize mah="calc(100dvh - 330px)" type="auto" offsetScrollbars>
            <div data-testid={`wizard-body-${WIZARD_STEPS[active]}`}>{bodies[WIZARD_STEPS[active]!]}</div>
          </ScrollArea.Autosize>
          <ErrorAlert error={create.error ?? update.error} />
          <Group justify="space-between">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Group gap="sm">
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} disabled={active === 0} onClick={() => goTo(active - 1)} data-testid="wizard-back">
                {t('policies.wizard.back')}
              </Button>
              {last ? (
                <Button leftSection={<IconCheck size={16} />} onClick={save} loading={saving} data-testid="wizard-save">
                  {editing ? t('policies.wizard.saveChanges') : t('policies.wizard.create')}
                </Button>
              ) : (
                <>
                  {editing && (
                    <Button variant="light" leftSection={<IconCheck size={16} />} onClick={save} loading={saving} data-testid="wizard-save-now">
                      {t('policies.wizard.saveChanges')}
                    </Button>
                  )}
                  <Button rightSection={<IconArrowRight size={16} />} onClick={next} data-testid="wizard-next">
                    {t('policies.wizard.next')}
                  </Button>
                </>
              )}
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
