import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconCalculator, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import { isScoringPhase } from '../../../../shared/detection';
import { useApiMutation, useApiQuery, useJobProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { useSession } from '../auth/session';
import { formatCount, formatDateTime, formatDuration } from '../../format';

/**
 * Where scoring stands: a progress bar while a run is going (policy changes start one in the
 * background), whether a full re-score is due and why, the last run and how long it took, and "Score
 * now". While a run goes, accounts that may call jobs.cancel get "Cancel"; the job's end event says whether it stopped.
 */
export function ScoringStatus() {
  const { t, i18n } = useTranslation();
  const status = useApiQuery('scoring.status', {});
  const progress = useJobProgress({ kind: 'scoring' });
  const run = useApiMutation('scoring.run');
  const cancel = useApiMutation('jobs.cancel');
  const canCancel = useSession().permissions.includes(contract['jobs.cancel'].permission);
  const running = run.isPending || progress?.state === 'running' || status.data?.runs[0]?.state === 'running';
  // The job to cancel: the one progress events report running, else the one "Score now" queued (until its end is reported).
  const jobId = progress?.state === 'running' ? progress.jobId : run.data && run.data.jobId !== progress?.jobId ? run.data.jobId : null;
  const cancelAsked = cancel.data?.cancelled === true && cancel.variables?.jobId === jobId;
  // The latest scoring job ended cancelled: its run is the last one, recorded as failed.
  const cancelled = !running && progress?.state === 'cancelled';
  const last = status.data?.runs.find((entry) => entry.state !== 'running');
  const due = status.data && (status.data.needsFull || status.data.reason);
  // The reason comes as facts; the English `reason` only for a change recorded before they existed.
  const facts = status.data?.reasonFacts;
  const reasonText = facts
    ? t(`scoring.reasons.${facts.kind}`, {
        name: facts.name ?? '',
        from: facts.from ?? '',
        setting: facts.setting ?? '',
        state: facts.state ? t(`policyStates.${facts.state}`) : '',
      })
    : (status.data?.reason ?? null);
  // Phases are codes (SCORING_PHASES); the policy being scored comes as the message.
  const phaseText = ({ phase, message }: { phase: string; message: string | null }) =>
    phase === 'scoringPolicy'
      ? t('scoring.phases.scoringPolicy', { name: message ?? '' })
      : phase === 'queued' || isScoringPhase(phase)
        ? t(`scoring.phases.${phase}`)
        : phase;

  return (
    <Paper p="md" data-testid="scoring-status" data-running={running ? 'true' : 'false'} data-due={due ? 'true' : 'false'}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <IconCalculator size={20} aria-hidden />
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {running ? t('scoring.running') : due ? t('scoring.due') : t('scoring.upToDate')}
              </Text>
              <Text size="xs" c="dimmed" data-testid="scoring-last-run">
                {cancelled
                  ? t('scoring.cancelled')
                  : last
                    ? t(last.state === 'failed' ? 'scoring.lastFailed' : 'scoring.lastRun', {
                        time: formatDateTime(last.finishedAt ?? last.startedAt, i18n.language),
                        duration: formatDuration(((last.finishedAt ?? last.startedAt) - last.startedAt) / 1000, i18n.language),
                        created: formatCount(last.alertsCreated, i18n.language),
                        updated: formatCount(last.alertsUpdated, i18n.language),
                        persons: formatCount(last.persons, i18n.language),
                      })
                    : t('scoring.never')}
                {due && reasonText ? ` · ${t('scoring.reason', { reason: reasonText })}` : ''}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {running && canCancel && jobId && (
              <Button
                variant="light"
                color="red"
                size="xs"
                leftSection={<IconPlayerStop size={14} />}
                loading={cancel.isPending}
                disabled={cancelAsked}
                onClick={() => cancel.mutate({ jobId })}
                aria-label={t('scoring.cancelRun')}
                data-testid="scoring-cancel"
              >
                {t('scoring.cancel')}
              </Button>
            )}
            <Button
              variant={due ? 'filled' : 'default'}
              size="xs"
              leftSection={<IconRefresh size={14} />}
              loading={running}
              onClick={() => run.mutate({ full: Boolean(status.data?.needsFull) })}
              data-testid="scoring-run"
            >
              {t('scoring.run')}
            </Button>
          </Group>
        </Group>
        {progress?.state === 'running' && (
          <Stack gap={2}>
            <Progress value={progress.total ? (100 * progress.done) / progress.total : 100} striped={!progress.total} animated aria-label={t('scoring.progress')} />
            <Text size="xs" c="dimmed" data-testid="scoring-phase" data-phase={progress.phase}>
              {phaseText(progress)}
              {progress.total ? ` · ${formatCount(progress.done, i18n.language)} / ${formatCount(progress.total, i18n.language)}` : ''}
            </Text>
          </Stack>
        )}
        {!cancelled && last?.state === 'failed' && last.error && (
          <Alert color="red" p="xs">
            {last.error}
          </Alert>
        )}
        <ErrorAlert error={status.error ?? run.error ?? cancel.error} />
      </Stack>
    </Paper>
  );
}
