import { Alert, Button, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconCheck, IconListCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiMutation, useApiQuery, useJobProgress, useRefresh, type JobProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatCount } from '../../format';

/** The demo organisation the card loads: about 200 people over 60 days (DOMAIN.md §13), always the same. */
export const DEMO_REQUEST = { people: 200, days: 60, seed: 1 } as const;

type Stage = 'idle' | 'simulating' | 'importing' | 'done' | 'failed';

function ProgressBlock({ progress, label }: { progress: JobProgress | null; label: string }) {
  const { i18n } = useTranslation();
  const percent = progress?.total ? (100 * progress.done) / progress.total : null;
  return (
    <Stack gap={4}>
      <Progress value={percent ?? 100} striped={percent === null} animated aria-label={label} data-testid="demo-progress" />
      <Text size="xs" c="dimmed" data-testid="demo-progress-line">
        {label}
        {progress?.total ? ` · ${formatCount(progress.done, i18n.language)} / ${formatCount(progress.total, i18n.language)}` : ''}
        {progress?.message ? ` · ${progress.message}` : ''}
      </Text>
    </Stack>
  );
}

/**
 * Offers the demo organisation: `imports.loadDemo` simulates it (a job with progress), then the
 * backend imports each part through the ordinary import path (import jobs, followed here until
 * none is left running), and the card points to the next steps: policies, then alerts.
 */
export function DemoDataCard() {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const [stage, setStage] = useState<Stage>('idle');
  // Imports newer than the newest one before the demo started are the demo's.
  const latest = useApiQuery('imports.list', { offset: 0, limit: 1 });
  const baseline = useRef(0);
  // Its refresh waits until the demo's imports have ended (below).
  const load = useApiMutation('imports.loadDemo', {
    refresh: 'later',
    onMutate: () => {
      baseline.current = latest.data?.imports[0]?.id ?? 0;
      setStage('simulating');
    },
    onError: () => setStage('failed'),
  });
  const jobId = load.data?.jobId ?? null;
  const simulation = useJobProgress({ jobId });
  const importing = useJobProgress({ kind: 'import' });
  const imports = useApiQuery(
    'imports.list',
    { offset: 0, limit: 20 },
    { enabled: stage === 'importing', refetchInterval: stage === 'importing' ? 2_000 : false, staleTime: 0 },
  );

  useEffect(() => {
    if (stage !== 'simulating' || !simulation) return;
    if (simulation.state === 'succeeded') setStage('importing');
    else if (simulation.state !== 'running') setStage('failed');
  }, [stage, simulation]);
  const ours = (imports.data?.imports ?? []).filter((entry) => entry.id > baseline.current);
  const finished = ours.filter((entry) => entry.state !== 'running');
  const allDone = stage === 'importing' && ours.length > 0 && finished.length === ours.length;
  useEffect(() => {
    if (!allDone) return;
    setStage('done');
    void refresh('imports.loadDemo');
  }, [allDone, refresh]);
  const failedImports = finished.filter((entry) => entry.state !== 'succeeded');

  return (
    <Paper p="lg" radius="md" data-testid="demo-card" data-available="true" data-stage={stage}>
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
            <IconBuildingCommunity size={20} />
          </ThemeIcon>
          <Stack gap={2}>
            <Text fw={600}>{t('demo.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('demo.description')}
            </Text>
          </Stack>
        </Group>
        {stage === 'simulating' && <ProgressBlock progress={simulation} label={t('demo.simulating')} />}
        {stage === 'importing' && (
          <ProgressBlock
            progress={importing?.state === 'running' ? importing : null}
            label={t('demo.importing', { done: finished.length, total: Math.max(ours.length, finished.length) })}
          />
        )}
        <ErrorAlert error={load.error} />
        {stage === 'failed' && simulation && simulation.state !== 'succeeded' && (
          <ErrorAlert error={new Error(simulation.message ?? t('demo.failed'))} title={t('demo.failed')} />
        )}
        {stage === 'done' && (
          <Alert color={failedImports.length > 0 ? 'yellow' : 'teal'} icon={<IconCheck size={18} />} data-testid="demo-loaded">
            <Stack gap={4}>
              <Text size="sm">{t('demo.loaded')}</Text>
              <Text size="sm">
                {t('demo.loadedCounts', {
                  imports: finished.length,
                  rows: formatCount(
                    finished.reduce((sum, entry) => sum + entry.accepted, 0),
                    i18n.language,
                  ),
                })}
              </Text>
              {failedImports.length > 0 && <Text size="sm">{t('demo.someFailed', { count: failedImports.length })}</Text>}
              <Text size="sm">{t('demo.next')}</Text>
            </Stack>
          </Alert>
        )}
        <Group>
          {stage === 'done' ? (
            <>
              <Button component={Link} to="/policies" leftSection={<IconListCheck size={16} />} data-testid="demo-open-policies">
                {t('demo.openPolicies')}
              </Button>
              <Button component={Link} to="/alerts" variant="light" leftSection={<IconAlertTriangle size={16} />} data-testid="demo-open-alerts">
                {t('demo.openAlerts')}
              </Button>
            </>
          ) : (
            <Button
              onClick={() => load.mutate(DEMO_REQUEST)}
              loading={stage === 'simulating' || stage === 'importing'}
              data-testid="load-demo"
            >
              {t('demo.load')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
