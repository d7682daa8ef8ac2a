import { Badge, Button, Group, Paper, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingView } from '../../../../shared/contract';
import { useApiMutation } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatCount } from '../../format';

/** Saves one setting (and refreshes what depends on it), with a short confirmation. */
export function useSaveSetting() {
  const { t } = useTranslation();
  return useApiMutation('settings.set', {
    onSuccess: (setting) => notifications.show({ color: 'teal', message: t('detectionSettings.saved', { key: setting.key }) }),
  });
}

/** Puts one setting back to its shipped default. */
export function useResetSetting() {
  const { t } = useTranslation();
  return useApiMutation('settings.reset', {
    onSuccess: (setting) => notifications.show({ color: 'teal', message: t('detectionSettings.resetDone', { key: setting.key }) }),
  });
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/**
 * An editable list setting (a domain list or category, organisation domains, an exclusion list):
 * tags to add and remove, Save (the backend normalises and validates every entry) and Reset to the
 * shipped default.
 */
export function ListSettingEditor({
  setting,
  label,
  hint,
  placeholder,
  splitOnSpace = true,
}: {
  setting: SettingView;
  label: string;
  hint: string;
  placeholder?: string;
  /** Domains and extensions never contain spaces; paths and keywords may. */
  splitOnSpace?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const saved = asStrings(setting.value);
  const [value, setValue] = useState<string[]>(saved);
  const save = useSaveSetting();
  const reset = useResetSetting();
  const savedKey = JSON.stringify(saved);
  useEffect(() => setValue(JSON.parse(savedKey) as string[]), [savedKey]);
  const dirty = JSON.stringify(value) !== savedKey;
  const testId = `setting-${setting.key.replace(/\./g, '-')}`;

  return (
    <Paper p="md" data-testid={testId} data-dirty={dirty ? 'true' : 'false'}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600}>{label}</Text>
            <Badge size="sm" variant="light" color="gray">
              {formatCount(saved.length, i18n.language)}
            </Badge>
            {setting.isDefault ? (
              <Badge size="sm" variant="outline" color="gray">
                {t('detectionSettings.default')}
              </Badge>
            ) : (
              <Badge size="sm" variant="outline" color="indigo">
                {t('detectionSettings.changed')}
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              leftSection={<IconRestore size={14} />}
              disabled={setting.isDefault}
              loading={reset.isPending}
              onClick={() => reset.mutate({ key: setting.key })}
              data-testid={`${testId}-reset`}
            >
              {t('detectionSettings.reset')}
            </Button>
            <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate({ key: setting.key, value })} data-testid={`${testId}-save`}>
              {t('actions.save')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <TagsInput
          aria-label={label}
          placeholder={placeholder ?? t('detectionSettings.addEntry')}
          value={value}
          onChange={setValue}
          splitChars={splitOnSpace ? [',', ' ', ';', '\n'] : [';', '\n']}
          acceptValueOnBlur
          maxDropdownHeight={0}
          styles={{ input: { maxHeight: 190, overflowY: 'auto' } }}
          data-testid={`${testId}-input`}
        />
        <ErrorAlert error={save.error ?? reset.error} />
      </Stack>
    </Paper>
  );
}
