import { Alert, Badge, Group, Radio, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TemplateId } from '../../../../../shared/detection';
import { withTemplate, type TemplateView } from '../policyDraft';
import type { StepProps } from './stepProps';

/** Step 1: the template (fixed once the policy exists), with its trigger and whether its data is there. */
export function TemplateStep({ draft, onChange, errors, editing, templates }: StepProps & { templates: TemplateView[] }) {
  const { t } = useTranslation();
  const shown = editing ? templates.filter((template) => template.id === draft.template) : templates;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {editing ? t('policies.wizard.templateFixed') : t('policies.wizard.templateIntro')}
      </Text>
      {errors.template && (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {t(`policies.validation.${errors.template}`)}
        </Alert>
      )}
      <Radio.Group
        value={draft.template}
        onChange={(value) => {
          const template = templates.find((candidate) => candidate.id === (value as TemplateId));
          if (template && !editing) onChange(withTemplate(draft, template));
        }}
        aria-label={t('policies.wizard.steps.template')}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {shown.map((template) => (
            <Radio.Card key={template.id} value={template.id} p="md" radius="md" disabled={editing} data-testid={`template-${template.id}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <Stack gap={6} style={{ flex: 1 }}>
                  <Text fw={600}>{t(`templates.${template.id}.name`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`templates.${template.id}.description`)}
                  </Text>
                  <Group gap={4}>
                    {template.triggers.map((trigger) => (
                      <Badge key={trigger} size="sm" variant="outline" color="gray" tt="none" fw={500}>
                        {t(`triggerKinds.${trigger}`)}
                      </Badge>
                    ))}
                  </Group>
                  {template.prerequisites.map((prerequisite) => (
                    <Group key={prerequisite.what} gap={6} wrap="nowrap" data-met={prerequisite.met ? 'true' : 'false'} data-prerequisite={prerequisite.what}>
                      <ThemeIcon size={16} radius="xl" color={prerequisite.met ? 'teal' : 'orange'} variant="light" aria-hidden>
                        {prerequisite.met ? <IconCheck size={11} /> : <IconX size={11} />}
                      </ThemeIcon>
                      <Text size="xs" c={prerequisite.met ? 'dimmed' : 'orange'}>
                        {prerequisite.met
                          ? t('policies.wizard.prerequisiteMet', { what: t(`policies.prerequisites.${prerequisite.what}`) })
                          : t('policies.wizard.prerequisiteMissing', { what: t(`policies.prerequisites.${prerequisite.what}`) })}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
    </Stack>
  );
}
