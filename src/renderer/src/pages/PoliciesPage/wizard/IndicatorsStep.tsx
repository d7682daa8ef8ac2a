import { Alert, Badge, Button, Checkbox, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from '../../../../../shared/detection';
import { ACTIVITY_CATEGORIES } from '../../../../../shared/signals';
import { indicatorEnabled, useSettingsList } from '../../../features/detectionSettings/settingsValues';
import type { StepProps } from './stepProps';

/** Step 6: the indicators scored; those turned off in Settings cannot score and say so. */
export function IndicatorsStep({ draft, onChange, errors, template }: StepProps) {
  const { t } = useTranslation();
  const settings = useSettingsList();
  const defaults = new Set<IndicatorId>(template?.defaultIndicators ?? []);
  const offered = INDICATOR_IDS.filter((id) => defaults.has(id) || draft.indicatorIds.includes(id) || template === undefined);
  const others = INDICATOR_IDS.filter((id) => !offered.includes(id));
  const toggle = (id: IndicatorId, on: boolean) =>
    onChange({ ...draft, indicatorIds: on ? INDICATOR_IDS.filter((other) => other === id || draft.indicatorIds.includes(other)) : draft.indicatorIds.filter((other) => other !== id) });
  const renderIndicator = (id: IndicatorId) => {
    const enabled = indicatorEnabled(settings.data?.settings, id);
    return (
      <Checkbox
        key={id}
        checked={draft.indicatorIds.includes(id)}
        onChange={(event) => toggle(id, event.currentTarget.checked)}
        data-testid={`indicator-${id}`}
        label={
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{t(`indicators.${id}`)}</Text>
            {!enabled && (
              <Tooltip label={t('policies.indicators.offInSettingsHint')} multiline maw={280}>
                <Badge size="xs" color="orange" variant="light">
                  {t('policies.indicators.offInSettings')}
                </Badge>
              </Tooltip>
            )}
          </Group>
        }
      />
    );
  };
  const byCategory = (ids: IndicatorId[]) =>
    ACTIVITY_CATEGORIES.map((category) => ({ category, ids: ids.filter((id) => INDICATORS[id].category === category) })).filter((group) => group.ids.length > 0);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('policies.indicators.intro', { count: draft.indicatorIds.length })}
        </Text>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={() => onChange({ ...draft, indicatorIds: [...(template?.defaultIndicators ?? [])] })}>
            {t('policies.indicators.templateDefaults')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => onChange({ ...draft, indicatorIds: [] })}>
            {t('policies.indicators.none')}
          </Button>
        </Group>
      </Group>
      {errors.indicators && (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {t(`policies.validation.${errors.indicators}`)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
        {byCategory(offered).map((group) => (
          <Stack key={group.category} gap={6}>
            <Title order={6} c="dimmed" tt="uppercase">
              {t(`activityCategories.${group.category}`)}
            </Title>
            {group.ids.map(renderIndicator)}
          </Stack>
        ))}
      </SimpleGrid>
      {others.length > 0 && (
        <Stack gap={6}>
          <Title order={6} c="dimmed">
            {t('policies.indicators.others')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing={6}>
            {others.map(renderIndicator)}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
