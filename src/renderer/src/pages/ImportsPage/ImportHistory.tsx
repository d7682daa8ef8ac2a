import { ActionIcon, Badge, Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconDownload, IconHistory, IconRefresh } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../../shared/contract/imports';
import { useApiQuery, type JobProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { baseName, formatCount, formatDateTime, formatDuration, formatShortDateTime } from '../../format';
import { FormatBadge } from './ImportPreviewPanel';
import { IMPORT_STATE_COLORS, useDownloadRejects, useRetryImport } from './importActions';
import { percentOf } from './importJobs';

/** Imports shown per page of the history. */
export const HISTORY_PAGE_SIZE = 15;

/** The import history (newest first) with counts, rejects download and retry; a row opens its detail. */
export function ImportHistory({
  progressByJob,
  onOpen,
  onRetried,
}: {
  progressByJob: ReadonlyMap<string, JobProgress>;
  onOpen(id: number): void;
  onRetried(started: { importId: number; jobId: string }): void;
}) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useApiQuery(
    'imports.list',
    { offset: (page - 1) * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE },
    // A running import without events on this page (started elsewhere) is followed by polling.
    { refetchInterval: (query) => (query.state.data?.imports.some((row) => row.state === 'running' && !(row.jobId && progressByJob.has(row.jobId))) ? 4_000 : false) },
  );
  const retry = useRetryImport(onRetried);
  const rejects = useDownloadRejects();
  const records = list.data?.imports ?? [];

  return (
    <Paper p="lg" data-testid="import-history">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <IconHistory size={20} aria-hidden />
            <Title order={4}>{t('imports.history.title')}</Title>
          </Group>
          <Text size="sm" c="dimmed" data-testid="import-history-count">
            {t('imports.history.count', { count: list.data?.total ?? 0, total: formatCount(list.data?.total ?? 0, i18n.language) })}
          </Text>
        </Group>
        <ErrorAlert error={list.error ?? retry.error ?? rejects.error} />
        <DataTable<ImportSummary>
          withTableBorder
          borderRadius="md"
          pinLastColumn
          minHeight={records.length === 0 ? 160 : undefined}
          fetching={list.isPending}
          records={records}
          idAccessor="id"
          noRecordsText={t('imports.history.empty')}
          onRowClick={({ record }) => onOpen(record.id)}
          customRowAttributes={(record) => ({ 'data-testid': 'import-row', 'data-import-id': record.id, 'data-state': record.state })}
          totalRecords={list.data?.total ?? 0}
          recordsPerPage={HISTORY_PAGE_SIZE}
          page={page}
          onPageChange={setPage}
          paginationText={({ from, to, totalRecords }) => t('imports.history.pagination', { from, to, total: totalRecords })}
          columns={[
            { accessor: 'id', title: '#', width: 40, render: (row) => <Text size="sm" ff="monospace" c="dimmed">{row.id}</Text> },
            {
              accessor: 'sources',
              title: t('imports.history.source'),
              // Takes the space the other columns leave and no more (max-width 0 lets the cell shrink below
              // its text), truncated: the full paths are in the tooltip.
              width: '100%',
              cellsStyle: () => ({ maxWidth: 0 }),
              ellipsis: true,
              render: (row) => (
                <Tooltip label={row.sources.join('\n')} multiline maw={520} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  <Text size="sm" ff="monospace" truncate>
                    {row.sources.map(baseName).join(', ')}
                  </Text>
                </Tooltip>
              ),
            },
            { accessor: 'format', title: t('imports.history.format'), width: 160, render: (row) => <FormatBadge format={row.format} /> },
            {
              accessor: 'state',
              title: t('imports.history.state'),
              width: 104,
              render: (row) => {
                const progress = row.jobId ? progressByJob.get(row.jobId) : undefined;
                const percent = percentOf(progress ?? null);
                return row.state === 'running' ? (
                  <Stack gap={2}>
                    <Badge color={IMPORT_STATE_COLORS.running} tt="none">
                      {t('importStates.running')}
                    </Badge>
                    <Progress size="xs" value={percent ?? 100} striped={percent === null} animated aria-label={t('imports.run.progress')} />
                  </Stack>
                ) : (
                  <Tooltip label={row.error ?? ''} disabled={!row.error} multiline maw={420}>
                    <Badge color={IMPORT_STATE_COLORS[row.state]} tt="none" data-state={row.state}>
                      {t(`importStates.${row.state}`)}
                    </Badge>
                  </Tooltip>
                );
              },
            },
            { accessor: 'rows', title: t('imports.history.rows'), textAlign: 'right', render: (row) => formatCount(row.rows, i18n.language) },
            { accessor: 'accepted', title: t('imports.history.accepted'), textAlign: 'right', render: (row) => formatCount(row.accepted, i18n.language) },
            {
              accessor: 'rejected',
              title: t('imports.history.rejected'),
              textAlign: 'right',
              render: (row) => (
                <Text size="sm" c={row.rejected > 0 ? 'orange' : undefined} fw={row.rejected > 0 ? 600 : undefined}>
                  {formatCount(row.rejected, i18n.language)}
                </Text>
              ),
            },
            { accessor: 'persons', title: t('imports.history.persons'), textAlign: 'right', render: (row) => formatCount(row.persons, i18n.language) },
            {
              accessor: 'startedAt',
              title: t('imports.history.started'),
              width: 140,
              render: (row) => (
                <Tooltip label={formatDateTime(row.startedAt, i18n.language)}>
                  <Stack gap={0}>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatShortDateTime(row.startedAt, i18n.language)}
                    </Text>
                    <Text size="xs" c="dimmed" data-testid="import-row-duration">
                      {row.seconds === null ? '—' : t('imports.history.took', { duration: formatDuration(row.seconds, i18n.language) })}
                    </Text>
                  </Stack>
                </Tooltip>
              ),
            },
            {
              accessor: 'actions',
              title: '',
              width: 68,
              textAlign: 'right',
              render: (row) => (
                <Group gap={2} justify="flex-end" wrap="nowrap" onClick={(event) => event.stopPropagation()}>
                  {row.hasRejects && (
                    <Tooltip label={t('imports.downloadRejects', { count: row.rejected })}>
                      <ActionIcon aria-label={t('imports.downloadRejects', { count: row.rejected })} onClick={() => rejects.mutate({ id: row.id })} data-testid="import-row-rejects">
                        <IconDownload size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  {row.state !== 'running' && row.state !== 'succeeded' && (
                    <Tooltip label={t('imports.retry')}>
                      <ActionIcon aria-label={t('imports.retry')} onClick={() => retry.mutate({ id: row.id })} loading={retry.isPending && retry.variables?.id === row.id} data-testid="import-row-retry">
                        <IconRefresh size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              ),
            },
          ]}
        />
      </Stack>
    </Paper>
  );
}
