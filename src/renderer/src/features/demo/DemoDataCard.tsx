import { Alert, Button, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconCheck, IconListCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { DEMO_PARTS, DEMO_STEPS } from '../../../../shared/jobs';
import { useApiMutation, useApiQuery, useJobProgress, type JobProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatCount } from '../../format';

/** The demo organisation the card loads: about 200 people over 60 days (DOMAIN.md §13), always the same. */
export const DEMO_REQUEST = { people: 200, days: 60, seed: 1 } as const;

type Stage = 'idle' | 'running' | 'done' | 'failed';

/** The label of the demo's current step: its phase, and for an import the part it imports. */
function stepLabel(t: TFunction, progress: JobProgress | null): string {
  switch (progress?.phase) {
    case 'importing': {
      const part = progress.message ?? '';
      const index = (DEMO_PARTS as readonly string[]).indexOf(part);
      return t('demo.importing', { part, index: index + 1, parts: DEMO_PARTS.length });
    }
    case 'policies':
      return t('demo.policies');
    case 'scoring':
    case 'done':
      return t('demo.scoring');
    default:
      return t('demo.simulating');
  }
}

/** The current step's own progress (the simulation's files, an import's rows, the scoring phases). */
function ProgressBlock({ progress, label }: { progress: JobProgress; label: string }) {
  const { i18n } = useTranslation();
  const percent = progress.total ? (100 * progress.done) / progress.total : null;
  return (
    <Stack gap={4}>
      <Progress size="sm" value={percent ?? 100} striped={percent === null} animated aria-label={label} data-testid="demo-progress" />
      <Text size="xs" c="dimmed" data-testid="demo-progress-line">
        {label}
        {progress.total ? ` · ${formatCount(progress.done, i18n.language)} / ${formatCount(progress.total, i18n.language)}` : ''}
      </Text>
    </Stack>
  );
}

/** The step job whose own progress shows under the demo's: the simulation, an import, the scoring run. */
const STEP_KINDS: Partial<Record<string, string>> = { simulating: 'simulation', importing: 'import', scoring: 'scoring' };

/**
 * Offers the demo organisation: `imports.loadDemo` starts one demo job that simulates it, imports
 * each part through the ordinary import path, creates one policy per template and scores them. The
 * card follows that job alone (its steps, one total from the start, with the current step's own
 * progress below) and shows the outcome when the backend has finished, then points to the next
 * steps: policies, then alerts.
 */
export function DemoDataCard() {
  const { t, i18n } = useTranslation();
  const [stage, setStage] = useState<Stage>('idle');
  // Imports newer than the newest one before the demo started are the demo's.
  const latest = useApiQuery('imports.list', { offset: 0, limit: 1 });
  const baseline = useRef(0);
  const load = useApiMutation('imports.loadDemo', {
    onMutate: () => {
      baseline.current = latest.data?.imports[0]?.id ?? 0;
      setStage('running');
    },
    onError: () => setStage('failed'),
  });
  const jobId = load.data?.jobId ?? null;
  const demo = useJobProgress({ jobId });
  // The job as the backend knows it, for the steps reported before this card learnt the job id.
  const job = useApiQuery('jobs.get', { jobId: jobId ?? '' }, { enabled: jobId !== null && demo === null });
  const current = demo ?? (job.data ? { ...job.data, state: job.data.state === 'queued' ? 'running' : job.data.state } : null);
  const stepKind = STEP_KINDS[current?.phase ?? ''];
  const step = useJobProgress({ kind: stepKind ?? 'none' });
  const ended = current !== null && current.state !== 'running';
  const imports = useApiQuery('imports.list', { offset: 0, limit: 20 }, { enabled: ended, staleTime: 0 });
  // Done once the job has ended and the import history read after it is here (its counts show).
  const settled = ended && imports.isSuccess && !imports.isFetching;
  useEffect(() => {
    if (stage === 'running' && settled) setStage(current.state === 'succeeded' ? 'done' : 'failed');
  }, [stage, settled, current]);
  const ours = (imports.data?.imports ?? []).filter((entry) => entry.id > baseline.current);
  const failedImports = ours.filter((entry) => entry.state !== 'succeeded');

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
        {stage === 'running' && (
          <Stack gap={6} data-testid="demo-steps" data-phase={current?.phase ?? 'queued'}>
            <Progress
              value={current?.total ? (100 * current.done) / current.total : 0}
              aria-label={t('demo.stepsLabel')}
              data-testid="demo-step-progress"
            />
            <Text size="sm" data-testid="demo-step-line">
              {t('demo.step', {
                step: Math.min((current?.done ?? 0) + 1, current?.total ?? DEMO_STEPS),
                total: current?.total ?? DEMO_STEPS,
                label: stepLabel(t, current),
              })}
            </Text>
            {stepKind && step?.state === 'running' && <ProgressBlock progress={step} label={stepLabel(t, current)} />}
          </Stack>
        )}
        <ErrorAlert error={load.error} />
        {stage === 'failed' && current && (
          <ErrorAlert error={new Error(current.message ?? t('demo.failed'))} title={t('demo.failed')} />
        )}
        {stage === 'done' && (
          <Alert color={failedImports.length > 0 ? 'yellow' : 'teal'} icon={<IconCheck size={18} />} data-testid="demo-loaded">
            <Stack gap={4}>
              <Text size="sm">{t('demo.loaded')}</Text>
              <Text size="sm">
                {t('demo.loadedCounts', {
                  imports: ours.length,
                  rows: formatCount(
                    ours.reduce((sum, entry) => sum + entry.accepted, 0),
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
              loading={stage === 'running'}
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
