import { Alert, Badge, Button, CloseButton, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconDownload, IconPlayerStop, IconRefresh, IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiMutation, useApiQuery, type JobProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { baseName, formatBytes, formatCount, formatDuration } from '../../format';
import { ImportProblems } from './ImportProblems';
import { IMPORT_STATE_COLORS, useDownloadRejects, useRetryImport } from './importActions';
import { isImportPhase } from '../../../../shared/jobs';
import { countsBytes, percentOf } from './importJobs';
import classes from './ImportsPage.module.css';

/** The line under the progress bar: phase, how far, and the job's own message. */
export function ProgressLine({ progress }: { progress: Pick<JobProgress, 'done' | 'total' | 'phase' | 'message'> }) {
  const { t, i18n } = useTranslation();
  const amount = (value: number) => (countsBytes(progress.phase) ? formatBytes(value, i18n.language) : formatCount(value, i18n.language));
  const phase = isImportPhase(progress.phase) ? t(`imports.phases.${progress.phase}`) : progress.phase;
  const parts = [phase];
  if (progress.total) parts.push(t('imports.progressOf', { done: amount(progress.done), total: amount(progress.total) }));
  if (progress.message) parts.push(progress.message);
  return (
    <Text size="sm" c="dimmed" className={classes.progressLine} data-testid="import-progress-line" data-phase={progress.phase}>
      {parts.join(' · ')}
    </Text>
  );
}

/**
 * One import being run (or just finished): a progress bar from `job.progress` with phase and
 * counts and a Cancel button; then the outcome with counts, or the file, line, field and reason
 * that stopped it, and the way on (retry, skip bad rows, rejects, policies).
 */
export function ImportRunCard({
  importId,
  progress,
  onClose,
  onRetried,
}: {
  importId: number;
  progress: JobProgress | undefined;
  onClose(): void;
  onRetried(started: { importId: number; jobId: string }): void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useApiQuery(
    'imports.get',
    { id: importId },
    {
      staleTime: 0,
      // Events carry progress; the import row is the truth. Poll only while it runs and no event says it ended.
      refetchInterval: (query) => (query.state.data?.state === 'running' && (!progress || progress.state !== 'running') ? 1_500 : false),
    },
  );
  const cancel = useApiMutation('imports.cancel');
  const retry = useRetryImport(onRetried);
  const rejects = useDownloadRejects();
  // When the job ends, useBackgroundRefresh (api.ts) refreshes this import and what it added.

  const data = detail.data;
  const state = data?.state === 'running' || !data ? (progress && progress.state !== 'running' ? 'finishing' : 'running') : data.state;
  const live = progress ?? (data?.progress ? { ...data.progress, state: 'running' as const } : undefined);
  const percent = percentOf(live ?? null);
  const duplicates = data?.filesDetail.filter((file) => file.status === 'duplicate') ?? [];

  return (
    <Paper p="lg" data-testid="import-run" data-state={state} data-import-id={importId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={4}>{t('imports.run.title', { id: importId })}</Title>
            {data && data.state !== 'running' && <Badge color={IMPORT_STATE_COLORS[data.state]}>{t(`importStates.${data.state}`)}</Badge>}
            {data && (
              <Text size="sm" c="dimmed" truncate title={data.sources.join('\n')}>
                {data.sources.map(baseName).join(', ')}
              </Text>
            )}
          </Group>
          {state !== 'running' && state !== 'finishing' && <CloseButton aria-label={t('imports.run.close')} onClick={onClose} data-testid="import-run-close" />}
        </Group>

        {(state === 'running' || state === 'finishing') && (
          <>
            <Progress
              value={percent ?? 100}
              striped={percent === null}
              animated
              size="lg"
              aria-label={t('imports.run.progress')}
              data-testid="import-progress"
              data-percent={percent === null ? 'unknown' : Math.round(percent)}
            />
            <Group justify="space-between" wrap="nowrap">
              {live ? <ProgressLine progress={live} /> : <Text size="sm" c="dimmed">{t('imports.phases.queued')}</Text>}
              <Button
                variant="default"
                color="red"
                leftSection={<IconPlayerStop size={16} />}
                onClick={() => cancel.mutate({ id: importId })}
                loading={cancel.isPending}
                disabled={state === 'finishing' || cancel.data?.cancelled === true}
                data-testid="import-cancel"
              >
                {t('imports.run.cancel')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('imports.run.allOrNothing')}
            </Text>
          </>
        )}

        {data?.state === 'succeeded' && (
          <Alert color="teal" icon={<IconCheck size={18} />} title={t('imports.run.succeeded')} data-testid="import-result">
            <Stack gap={6}>
              <Text size="sm" data-testid="import-result-counts">
                {t('imports.run.counts', {
                  rows: formatCount(data.rows, i18n.language),
                  accepted: formatCount(data.accepted, i18n.language),
                  rejected: formatCount(data.rejected, i18n.language),
                  persons: formatCount(data.persons, i18n.language),
                  duration: formatDuration(data.seconds ?? 0, i18n.language),
                })}
              </Text>
              {duplicates.length > 0 && (
                <Text size="sm" data-testid="import-duplicates">
                  {t('imports.run.duplicates', { count: duplicates.length })}
                </Text>
              )}
              <Group gap="sm">
                {data.hasRejects && (
                  <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} loading={rejects.isPending} onClick={() => rejects.mutate({ id: importId })} data-testid="import-run-rejects">
                    {t('imports.downloadRejects', { count: data.rejected })}
                  </Button>
                )}
                <Button size="xs" variant="light" component={Link} to="/policies" leftSection={<IconListCheck size={14} />}>
                  {t('imports.run.toPolicies')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}

        {(data?.state === 'failed' || data?.state === 'cancelled' || data?.state === 'interrupted') && (
          <Stack gap="sm" data-testid="import-failure">
            <Alert color={data.state === 'failed' ? 'red' : 'gray'} icon={<IconAlertCircle size={18} />} title={t(`imports.run.${data.state}`)}>
              {data.error && (
                <Text size="sm" data-testid="import-error">
                  {data.error}
                </Text>
              )}
            </Alert>
            <ImportProblems problems={data.problems} total={data.problemsTotal} />
            <Group gap="sm">
              <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} loading={retry.isPending} onClick={() => retry.mutate({ id: importId })} data-testid="import-retry">
                {t('imports.retry')}
              </Button>
              {data.state === 'failed' && data.onError === 'stop' && data.problems.length > 0 && (
                <Button size="xs" variant="light" loading={retry.isPending} onClick={() => retry.mutate({ id: importId, onError: 'skip' })} data-testid="import-retry-skip">
                  {t('imports.retrySkipping')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
        <ErrorAlert error={detail.error ?? cancel.error ?? retry.error ?? rejects.error} />
      </Stack>
    </Paper>
  );
}
