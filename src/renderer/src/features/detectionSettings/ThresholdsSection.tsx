import { ActionIcon, Badge, Group, NumberInput, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDeviceFloppy, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPACT_LEVELS, INDICATOR_IDS, INDICATORS, type IndicatorId, type Thresholds } from '../../../../shared/detection';
import type { SettingView } from '../../../../shared/contract';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { useResetSetting, useSaveSetting } from './ListSettingEditor';
import { defaultThresholds } from './settingsValues';

function ThresholdRow({ id, setting }: { id: IndicatorId; setting: SettingView }) {
  const { t } = useTranslation();
  const saved = defaultThresholds([setting], id)!;
  const [value, setValue] = useState<Thresholds>(saved);
  const save = useSaveSetting();
  const reset = useResetSetting();
  const savedKey = JSON.stringify(saved);
  useEffect(() => setValue(JSON.parse(savedKey) as Thresholds), [savedKey]);
  const dirty = JSON.stringify(value) !== savedKey;
  const ordered = value.low >= 1 && Math.max(value.low, value.medium) === value.medium && Math.max(value.medium, value.high) === value.high;
  return (
    <>
      <Table.Tr data-testid={`threshold-setting-${id}`} data-dirty={dirty ? 'true' : 'false'}>
        <Table.Td>
          <Text size="sm">{t(`indicators.${id}`)}</Text>
          {!ordered && (
            <Text size="xs" c="red">
              {t('policies.validation.thresholdOrder')}
            </Text>
          )}
        </Table.Td>
        {IMPACT_LEVELS.map((level) => (
          <Table.Td key={level}>
            <NumberInput
              size="xs"
              min={1}
              max={100_000}
              allowDecimal={false}
              value={value[level]}
              onChange={(next) => setValue((previous) => ({ ...previous, [level]: typeof next === 'number' ? next : 0 }))}
              error={!ordered}
              aria-label={t('policies.thresholds.levelOf', { level: t(`impactLevels.${level}`), indicator: t(`indicators.${id}`) })}
              data-testid={`threshold-setting-${id}-${level}`}
            />
          </Table.Td>
        ))}
        <Table.Td>
          {setting.isDefault ? (
            <Badge size="xs" variant="outline" color="gray">
              {t('detectionSettings.default')}
            </Badge>
          ) : (
            <Badge size="xs" variant="outline" color="indigo">
              {t('detectionSettings.changed')}
            </Badge>
          )}
        </Table.Td>
        <Table.Td>
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t('actions.save')}>
              <ActionIcon
                aria-label={t('actions.save')}
                disabled={!dirty || !ordered}
                loading={save.isPending}
                onClick={() => save.mutate({ key: setting.key, value })}
                data-testid={`threshold-setting-${id}-save`}
              >
                <IconDeviceFloppy size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('detectionSettings.reset')}>
              <ActionIcon aria-label={t('detectionSettings.reset')} disabled={setting.isDefault} loading={reset.isPending} onClick={() => reset.mutate({ key: setting.key })}>
                <IconRestore size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Table.Td>
      </Table.Tr>
      {(save.error || reset.error) && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <ErrorAlert error={save.error ?? reset.error} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

/** Default daily low / medium / high counts per counted indicator (policies may override them). */
export function ThresholdsSection({ settings }: { settings: SettingView[] }) {
  const { t } = useTranslation();
  const rows = INDICATOR_IDS.filter((id) => INDICATORS[id].measure === 'count')
    .map((id) => ({ id, setting: settings.find((setting) => setting.key === `thresholds.${id}`) }))
    .filter((row): row is { id: IndicatorId; setting: SettingView } => row.setting !== undefined);
  return (
    <Paper p="md">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('detectionSettings.thresholdsHint')}
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} data-testid="threshold-settings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.thresholds.indicator')}</Table.Th>
                {IMPACT_LEVELS.map((level) => (
                  <Table.Th key={level} w={110}>
                    {t(`impactLevels.${level}`)}
                  </Table.Th>
                ))}
                <Table.Th w={90} />
                <Table.Th w={80} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <ThresholdRow key={row.id} id={row.id} setting={row.setting} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
