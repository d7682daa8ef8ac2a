import { Checkbox, NumberInput, Radio, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IMPACT_LEVELS, type IndicatorId, type Thresholds } from '../../../../../shared/detection';
import { defaultThresholds, useSettingsList } from '../../../features/detectionSettings/settingsValues';
import { hasThresholds } from '../policyDraft';
import type { StepProps } from './stepProps';

/** Step 7: default thresholds for every indicator, or custom daily low / medium / high counts (or "above usual activity"). */
export function ThresholdsStep({ draft, onChange, errors }: StepProps) {
  const { t } = useTranslation();
  const settings = useSettingsList();
  const counted = draft.indicatorIds.filter(hasThresholds);
  const shipped = (id: IndicatorId): Thresholds => defaultThresholds(settings.data?.settings, id) ?? { low: 1, medium: 2, high: 3 };
  const setThreshold = (id: IndicatorId, level: keyof Thresholds, value: number) =>
    onChange({ ...draft, thresholds: { ...draft.thresholds, [id]: { ...(draft.thresholds[id] ?? shipped(id)), [level]: value } } });
  const setAboveUsual = (id: IndicatorId, on: boolean) =>
    onChange({ ...draft, aboveUsual: on ? [...draft.aboveUsual.filter((other) => other !== id), id] : draft.aboveUsual.filter((other) => other !== id) });

  return (
    <Stack gap="md">
      <Radio.Group value={draft.customThresholds ? 'custom' : 'default'} onChange={(value) => onChange({ ...draft, customThresholds: value === 'custom' })}>
        <Stack gap="xs">
          <Radio value="default" label={t('policies.thresholds.useDefault')} description={t('policies.thresholds.useDefaultHint')} data-testid="thresholds-default" />
          <Radio value="custom" label={t('policies.thresholds.custom')} description={t('policies.thresholds.customHint')} data-testid="thresholds-custom" />
        </Stack>
      </Radio.Group>
      {draft.customThresholds && (
        <ScrollArea type="auto" offsetScrollbars>
          <Table withTableBorder verticalSpacing={6} miw={820} data-testid="thresholds-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.thresholds.indicator')}</Table.Th>
                <Table.Th>{t('policies.thresholds.defaults')}</Table.Th>
                {IMPACT_LEVELS.map((level) => (
                  <Table.Th key={level} w={110}>
                    {t(`impactLevels.${level}`)}
                  </Table.Th>
                ))}
                <Table.Th w={140}>{t('policies.thresholds.aboveUsual')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {counted.map((id) => {
                const value = draft.thresholds[id] ?? shipped(id);
                const aboveUsual = draft.aboveUsual.includes(id);
                const error = errors[id];
                return (
                  <Table.Tr key={id} data-testid={`threshold-row-${id}`} data-invalid={error ? 'true' : undefined}>
                    <Table.Td>
                      <Text size="sm">{t(`indicators.${id}`)}</Text>
                      {error && (
                        <Text size="xs" c="red">
                          {t(`policies.validation.${error}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {`${shipped(id).low} / ${shipped(id).medium} / ${shipped(id).high}`}
                      </Text>
                    </Table.Td>
                    {IMPACT_LEVELS.map((level) => (
                      <Table.Td key={level}>
                        <NumberInput
                          size="xs"
                          min={1}
                          max={100_000}
                          allowDecimal={false}
                          value={value[level]}
                          disabled={aboveUsual}
                          onChange={(next) => setThreshold(id, level, typeof next === 'number' ? next : 0)}
                          aria-label={t('policies.thresholds.levelOf', { level: t(`impactLevels.${level}`), indicator: t(`indicators.${id}`) })}
                          error={Boolean(error)}
                          data-testid={`threshold-${id}-${level}`}
                        />
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <Tooltip label={t('policies.thresholds.aboveUsualHint')} multiline maw={300}>
                        <Checkbox checked={aboveUsual} onChange={(event) => setAboveUsual(id, event.currentTarget.checked)} aria-label={t('policies.thresholds.aboveUsual')} />
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {draft.customThresholds && counted.length < draft.indicatorIds.length && (
        <Text size="xs" c="dimmed">
          {t('policies.thresholds.severityMeasured')}
        </Text>
      )}
    </Stack>
  );
}
