import { Badge, Code, DataList, Drawer, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/contract/audit';
import { formatDateTime, formatUtc } from '../../format';
import { RESULT_COLORS } from './AuditList';

function json(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** One audit entry in full: role groups, targets, before/after values and reason (shown as data, never interpreted). */
export function AuditEntryDrawer({ entry, onClose }: { entry: AuditEntryView | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={entry ? t('audit.entryTitle', { sequence: entry.sequence }) : ''}
      data-testid="audit-entry-drawer"
    >
      {entry && (
        <Stack gap="md">
          <DataList labelWidth={140} withDivider>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.columns.time')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Stack gap={0}>
                  <Text size="sm">{formatDateTime(entry.time, i18n.language)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('audit.utc')} {formatUtc(entry.time)}
                  </Text>
                </Stack>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.columns.actor')}</DataList.ItemLabel>
              <DataList.ItemValue>{entry.actor}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.roleGroups')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap={4}>
                  {entry.roleGroups.length === 0 && '—'}
                  {entry.roleGroups.map((group) => (
                    <Badge key={group} size="sm" variant="outline">
                      {group}
                    </Badge>
                  ))}
                </Group>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.columns.category')}</DataList.ItemLabel>
              <DataList.ItemValue>{t(`auditCategories.${entry.category}`)}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.columns.action')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code>{entry.action}</Code>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.columns.targets')}</DataList.ItemLabel>
              <DataList.ItemValue style={{ wordBreak: 'break-all' }}>{entry.targets.length > 0 ? entry.targets.join(', ') : '—'}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.columns.result')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Badge color={RESULT_COLORS[entry.result]}>{t(`auditResults.${entry.result}`)}</Badge>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('audit.reason')}</DataList.ItemLabel>
              <DataList.ItemValue>{entry.reason ?? '—'}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('audit.before')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {json(entry.before)}
            </Code>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('audit.after')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {json(entry.after)}
            </Code>
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
