import { ActionIcon, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconDeviceFloppy, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursEntry, SettingView } from '../../../../shared/contract';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { useResetSetting, useSaveSetting } from './ListSettingEditor';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** Every IANA time zone this runtime knows (for the select), UTC first. */
function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...supported.filter((zone) => zone !== 'UTC')];
}

/** Business hours and time zone per region (`*` is the default for regions not listed); "outside usual hours" is judged against them. */
export function BusinessHoursSection({ setting }: { setting: SettingView }) {
  const { t } = useTranslation();
  const saved = (Array.isArray(setting.value) ? setting.value : []) as BusinessHoursEntry[];
  const savedKey = JSON.stringify(saved);
  const [entries, setEntries] = useState<BusinessHoursEntry[]>(saved);
  useEffect(() => setEntries(JSON.parse(savedKey) as BusinessHoursEntry[]), [savedKey]);
  const save = useSaveSetting();
  const reset = useResetSetting();
  const zones = useMemo(timeZones, []);
  const dirty = JSON.stringify(entries) !== savedKey;
  const set = (index: number, change: Partial<BusinessHoursEntry>) => setEntries((previous) => previous.map((entry, at) => (at === index ? { ...entry, ...change } : entry)));

  return (
    <Paper p="md" data-testid="setting-detection-businessHours" data-dirty={dirty ? 'true' : 'false'}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('detectionSettings.businessHoursHint')}
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detectionSettings.region')}</Table.Th>
                <Table.Th w={220}>{t('detectionSettings.timeZone')}</Table.Th>
                <Table.Th w={110}>{t('detectionSettings.start')}</Table.Th>
                <Table.Th w={110}>{t('detectionSettings.end')}</Table.Th>
                <Table.Th w={290}>{t('detectionSettings.workdays')}</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry, index) => (
                <Table.Tr key={index} data-testid="business-hours-row">
                  <Table.Td>
                    <TextInput
                      size="xs"
                      value={entry.region}
                      disabled={entry.region === '*'}
                      description={entry.region === '*' ? t('detectionSettings.defaultRegion') : undefined}
                      onChange={(event) => set(index, { region: event.currentTarget.value })}
                      aria-label={t('detectionSettings.region')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select size="xs" data={zones} value={entry.timeZone} onChange={(zone) => zone && set(index, { timeZone: zone })} searchable aria-label={t('detectionSettings.timeZone')} />
                  </Table.Td>
                  <Table.Td>
                    <TimeInput size="xs" value={entry.start} onChange={(event) => set(index, { start: event.currentTarget.value })} aria-label={t('detectionSettings.start')} />
                  </Table.Td>
                  <Table.Td>
                    <TimeInput size="xs" value={entry.end} onChange={(event) => set(index, { end: event.currentTarget.value })} aria-label={t('detectionSettings.end')} />
                  </Table.Td>
                  <Table.Td>
                    <Button.Group aria-label={t('detectionSettings.workdays')}>
                      {WEEKDAYS.map((day) => {
                        const on = entry.workdays.includes(day);
                        return (
                          <Button
                            key={day}
                            size="compact-xs"
                            variant={on ? 'filled' : 'default'}
                            aria-pressed={on}
                            onClick={() => set(index, { workdays: on ? entry.workdays.filter((other) => other !== day) : [...entry.workdays, day].sort() })}
                            data-testid={`workday-${day}`}
                          >
                            {t(`weekdays.${day}`)}
                          </Button>
                        );
                      })}
                    </Button.Group>
                  </Table.Td>
                  <Table.Td>
                    {entry.region !== '*' && (
                      <ActionIcon aria-label={t('detectionSettings.removeRegion')} onClick={() => setEntries((previous) => previous.filter((_, at) => at !== index))}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEntries((previous) => [...previous, { region: '', timeZone: 'UTC', start: '08:00', end: '18:00', workdays: [1, 2, 3, 4, 5] }])}
            data-testid="business-hours-add"
          >
            {t('detectionSettings.addRegion')}
          </Button>
          <Group gap="xs">
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconRestore size={14} />} disabled={setting.isDefault} loading={reset.isPending} onClick={() => reset.mutate({ key: setting.key })}>
              {t('detectionSettings.reset')}
            </Button>
            <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate({ key: setting.key, value: entries })} data-testid="business-hours-save">
              {t('actions.save')}
            </Button>
          </Group>
        </Group>
        <ErrorAlert error={save.error ?? reset.error} />
      </Stack>
    </Paper>
  );
}
