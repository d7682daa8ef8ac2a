import { Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StepProps } from './stepProps';

/** Step 2: name (fixed once the policy exists) and description. */
export function NameStep({ draft, onChange, errors, editing }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <TextInput
        label={t('policies.wizard.name')}
        description={editing ? t('policies.wizard.nameFixed') : t('policies.wizard.nameHint')}
        value={draft.name}
        onChange={(event) => onChange({ ...draft, name: event.currentTarget.value })}
        error={errors.name ? t(`policies.validation.${errors.name}`) : undefined}
        disabled={editing}
        withAsterisk={!editing}
        data-autofocus
        data-testid="wizard-policy-name"
      />
      <Textarea
        label={t('policies.wizard.description')}
        description={t('policies.wizard.descriptionHint')}
        value={draft.description}
        onChange={(event) => onChange({ ...draft, description: event.currentTarget.value })}
        error={errors.description ? t(`policies.validation.${errors.description}`) : undefined}
        autosize
        minRows={3}
        maxRows={8}
        data-testid="wizard-policy-description"
      />
    </Stack>
  );
}
