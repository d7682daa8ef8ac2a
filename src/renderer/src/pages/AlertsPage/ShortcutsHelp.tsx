import { ActionIcon, Group, Kbd, Popover, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The queue's keyboard shortcuts, in order. */
export const QUEUE_SHORTCUTS = [
  { keys: ['j', '↓'], action: 'next' },
  { keys: ['k', '↑'], action: 'previous' },
  { keys: ['Enter'], action: 'open' },
  { keys: ['x'], action: 'select' },
  { keys: ['d'], action: 'dismiss' },
  { keys: ['a'], action: 'assign' },
  { keys: ['Esc'], action: 'clear' },
  { keys: ['?'], action: 'help' },
] as const;

/** A popover listing the queue's keyboard shortcuts (also opened with "?"). */
export function ShortcutsHelp({ opened, onChange }: { opened: boolean; onChange(opened: boolean): void }) {
  const { t } = useTranslation();
  return (
    <Popover opened={opened} onChange={onChange} position="bottom-end" shadow="md" width={320} withArrow>
      <Popover.Target>
        <Tooltip label={t('alerts.shortcuts.title')}>
          <ActionIcon variant="default" size="lg" onClick={() => onChange(!opened)} aria-label={t('alerts.shortcuts.title')} data-testid="shortcuts-button">
            <IconKeyboard size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-testid="shortcuts-help">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('alerts.shortcuts.title')}
          </Text>
          <Table verticalSpacing={4} fz="sm" withRowBorders={false}>
            <Table.Tbody>
              {QUEUE_SHORTCUTS.map((shortcut) => (
                <Table.Tr key={shortcut.action}>
                  <Table.Td w={96}>
                    <Group gap={4} wrap="nowrap">
                      {shortcut.keys.map((key) => (
                        <Kbd key={key} size="xs">
                          {key}
                        </Kbd>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`alerts.shortcuts.${shortcut.action}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('alerts.shortcuts.note')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
