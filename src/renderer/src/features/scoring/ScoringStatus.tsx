import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconCalculator, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isScoringPhase } from '../../../../shared/detection';
import { useApiMutation, useApiQuery, useJobProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatCount, formatDateTime } from '../../format';

/**
 * Where scoring stands: a progress bar while a run is going (policy changes start one in the
 * background), whether a full re-score is due and why, the last run, and "Score now".
 */
export function ScoringStatus() {
  const { t, i18n } = useTranslation();
  const status = useApiQuery('scoring.status', {});
  const progress = useJobProgress({ kind: 'scoring' });
  const run = useApiMutation('scoring.run');
  const running = run.isPending || progress?.state === 'running' || status.data?.runs[0]?.state === 'running';
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
                {last
                  ? t(last.state === 'failed' ? 'scoring.lastFailed' : 'scoring.lastRun', {
                      time: formatDateTime(last.finishedAt ?? last.startedAt, i18n.language),
                      created: formatCount(last.alertsCreated, i18n.language),
                      updated: formatCount(last.alertsUpdated, i18n.language),
                      persons: formatCount(last.persons, i18n.language),
                    })
                  : t('scoring.never')}
                {due && reasonText ? ` · ${t('scoring.reason', { reason: reasonText })}` : ''}
              </Text>
            </Stack>
          </Group>
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
        {progress?.state === 'running' && (
          <Stack gap={2}>
            <Progress value={progress.total ? (100 * progress.done) / progress.total : 100} striped={!progress.total} animated aria-label={t('scoring.progress')} />
            <Text size="xs" c="dimmed" data-testid="scoring-phase" data-phase={progress.phase}>
              {phaseText(progress)}
              {progress.total ? ` · ${formatCount(progress.done, i18n.language)} / ${formatCount(progress.total, i18n.language)}` : ''}
            </Text>
          </Stack>
        )}
        {last?.state === 'failed' && last.error && (
          <Alert color="red" p="xs">
            {last.error}
          </Alert>
        )}
        <ErrorAlert error={status.error ?? run.error} />
      </Stack>
    </Paper>
  );
}
