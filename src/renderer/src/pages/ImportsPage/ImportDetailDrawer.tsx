import { Badge, Button, Code, CopyButton, DataList, Drawer, Group, Loader, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconDownload, IconRefresh, IconReplace } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatBytes, formatCount, formatDateTime, formatDuration } from '../../format';
import { FormatBadge } from './ImportPreviewPanel';
import { ImportProblems } from './ImportProblems';
import { IMPORT_STATE_COLORS, useDownloadRejects, useRetryImport } from './importActions';

const FILE_STATUS_COLORS = { pending: 'blue', imported: 'teal', duplicate: 'gray', notImported: 'red', replaced: 'yellow' } as const;

/** One import in full: its files with size and SHA-256 (provenance), problems, timings, and retry / re-import / rejects. */
export function ImportDetailDrawer({
  importId,
  onClose,
  onRetried,
}: {
  importId: number | null;
  onClose(): void;
  onRetried(started: { importId: number; jobId: string }): void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useApiQuery('imports.get', { id: importId ?? 0 }, { enabled: importId !== null, staleTime: 0 });
  const retry = useRetryImport((started) => {
    onRetried(started);
    onClose();
  });
  const rejects = useDownloadRejects();
  const data = detail.data;

  return (
    <Drawer opened={importId !== null} onClose={onClose} position="right" size="xl" title={t('imports.detail.title', { id: importId ?? '' })} data-testid="import-detail">
      {detail.isPending && <Loader size="sm" />}
      <ErrorAlert error={detail.error ?? retry.error ?? rejects.error} />
      {data && (
        <Stack gap="md">
          <DataList labelWidth={150} withDivider>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.history.state')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Badge color={IMPORT_STATE_COLORS[data.state]}>{t(`importStates.${data.state}`)}</Badge>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.history.format')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap="xs">
                  <FormatBadge format={data.format} />
                  {data.formatOverride && (
                    <Text size="xs" c="dimmed">
                      {t('imports.detail.forced')}
                    </Text>
                  )}
                </Group>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.detail.sources')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Stack gap={2}>
                  {data.sources.map((source) => (
                    <Text key={source} size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {source}
                    </Text>
                  ))}
                </Stack>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.detail.counts')}</DataList.ItemLabel>
              <DataList.ItemValue data-testid="import-detail-counts">
                {t('imports.detail.countsValue', {
                  rows: formatCount(data.rows, i18n.language),
                  accepted: formatCount(data.accepted, i18n.language),
                  rejected: formatCount(data.rejected, i18n.language),
                  ignored: formatCount(data.ignored, i18n.language),
                })}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.history.persons')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {t('imports.detail.personsValue', { persons: formatCount(data.persons, i18n.language), created: formatCount(data.personsCreated, i18n.language) })}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.detail.options')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {[
                  data.onError === 'stop' ? t('imports.form.onErrorStop') : t('imports.form.onErrorSkip'),
                  data.reimport ? t('imports.form.reimport') : null,
                  data.utcOffsetMinutes !== 0 ? t('imports.detail.offset', { minutes: data.utcOffsetMinutes }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.history.started')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {formatDateTime(data.startedAt, i18n.language)}
                {data.account ? ` · ${data.account}` : ''}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('imports.history.duration')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {data.seconds === null ? '—' : formatDuration(data.seconds, i18n.language)}
                {data.mergeMs !== null ? ` · ${t('imports.detail.merge', { ms: formatCount(data.mergeMs, i18n.language) })}` : ''}
              </DataList.ItemValue>
            </DataList.Item>
            {data.retryOf !== null && (
              <DataList.Item>
                <DataList.ItemLabel>{t('imports.detail.retryOf')}</DataList.ItemLabel>
                <DataList.ItemValue>#{data.retryOf}</DataList.ItemValue>
              </DataList.Item>
            )}
          </DataList>

          {data.error && (
            <Text size="sm" c={data.state === 'succeeded' ? undefined : 'red'} data-testid="import-detail-error">
              {data.error}
            </Text>
          )}
          <ImportProblems problems={data.problems} total={data.problemsTotal} />

          <Group gap="sm">
            {data.hasRejects && (
              <Button variant="light" leftSection={<IconDownload size={16} />} loading={rejects.isPending} onClick={() => rejects.mutate({ id: data.id })} data-testid="import-detail-rejects">
                {t('imports.downloadRejects', { count: data.rejected })}
              </Button>
            )}
            {data.state !== 'running' && data.state !== 'succeeded' && (
              <Button variant="light" leftSection={<IconRefresh size={16} />} loading={retry.isPending} onClick={() => retry.mutate({ id: data.id })} data-testid="import-detail-retry">
                {t('imports.retry')}
              </Button>
            )}
            {data.state !== 'running' && (
              <Tooltip label={t('imports.reimportHint')} multiline maw={320}>
                <Button variant="default" leftSection={<IconReplace size={16} />} loading={retry.isPending} onClick={() => retry.mutate({ id: data.id, reimport: true })} data-testid="import-detail-reimport">
                  {t('imports.reimport')}
                </Button>
              </Tooltip>
            )}
          </Group>

          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('imports.detail.files', { count: data.filesDetail.length })}
            </Text>
            <ScrollArea type="auto" offsetScrollbars>
              <Table withTableBorder verticalSpacing={6} fz="sm" data-testid="import-files">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('imports.detail.file')}</Table.Th>
                    <Table.Th>{t('imports.detail.layout')}</Table.Th>
                    <Table.Th ta="right">{t('imports.detail.size')}</Table.Th>
                    <Table.Th ta="right">{t('imports.history.rows')}</Table.Th>
                    <Table.Th>{t('imports.history.state')}</Table.Th>
                    <Table.Th>{t('imports.detail.sha256')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.filesDetail.map((file) => (
                    <Table.Tr key={file.id} data-testid="import-file" data-status={file.status}>
                      <Table.Td ff="monospace" title={file.path}>
                        {file.name}
                      </Table.Td>
                      <Table.Td>
                        <Code>{file.layout}</Code>
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatBytes(file.size, i18n.language)}
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(file.rows, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Tooltip label={t('imports.detail.duplicateOf', { id: file.duplicateOf ?? '' })} disabled={file.duplicateOf === null}>
                          <Badge size="sm" color={FILE_STATUS_COLORS[file.status]}>
                            {t(`importFileStatuses.${file.status}`)}
                          </Badge>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <CopyButton value={file.sha256}>
                          {({ copied, copy }) => (
                            <Tooltip label={copied ? t('imports.detail.copied') : file.sha256}>
                              <Button variant="subtle" size="compact-xs" color="gray" ff="monospace" rightSection={<IconCopy size={12} />} onClick={copy}>
                                {file.sha256.slice(0, 12)}…
                              </Button>
                            </Tooltip>
                          )}
                        </CopyButton>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
