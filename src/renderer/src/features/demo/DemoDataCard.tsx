import { Alert, Button, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callUntyped, hasMethod, useIrm, useJobProgress, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';

/** The contract method that loads the demo organisation; it arrives with the imports feature. */
export const LOAD_DEMO_METHOD = 'imports.loadDemo';

/**
 * Offers the demo organisation. Honest about availability: the button works only when this build's
 * API offers the method (checked at run time, not assumed), and shows the import job's progress.
 */
export function DemoDataCard() {
  const { t } = useTranslation();
  const api = useIrm();
  const queryClient = useQueryClient();
  const available = hasMethod(api, LOAD_DEMO_METHOD);
  const load = useMutation<unknown, ApiError>({
    // About 200 people over 60 days: big enough for every scenario, loaded in about a minute.
    mutationFn: () => callUntyped(api, LOAD_DEMO_METHOD, { people: 200, days: 60, seed: 1 }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const jobId = jobIdOf(load.data);
  const progress = useJobProgress({ jobId, kind: jobId ? undefined : 'demo' });
  const running = load.isPending || progress?.state === 'running';
  const finished = load.isSuccess && (!progress || progress.state === 'succeeded');

  return (
    <Paper p="lg" radius="md" data-testid="demo-card" data-available={available ? 'true' : 'false'}>
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
        {!available && (
          <Alert color="blue" icon={<IconInfoCircle size={18} />} data-testid="demo-unavailable">
            {t('demo.unavailable')}
          </Alert>
        )}
        {progress && (
          <Stack gap={4}>
            <Progress
              value={progress.total ? (100 * progress.done) / progress.total : 100}
              animated={progress.state === 'running'}
              aria-label={t('demo.progress')}
            />
            <Text size="xs" c="dimmed">
              {progress.phase}
              {progress.total ? ` · ${progress.done} / ${progress.total}` : ''}
            </Text>
          </Stack>
        )}
        <ErrorAlert error={load.error} />
        {progress && (progress.state === 'failed' || progress.state === 'cancelled') && (
          <ErrorAlert error={new Error(progress.message ?? t('demo.failed'))} title={t('demo.failed')} />
        )}
        {finished && (
          <Alert color="teal" icon={<IconCheck size={18} />}>
            {t('demo.loaded')}
          </Alert>
        )}
        <Group>
          {finished && (
            <Button component={Link} to="/alerts" leftSection={<IconAlertTriangle size={16} />} data-testid="demo-open-alerts">
              {t('demo.openAlerts')}
            </Button>
          )}
          <Button
            onClick={() => load.mutate()}
            disabled={!available || finished}
            loading={running}
            variant={available && !finished ? 'filled' : 'default'}
            data-testid="load-demo"
          >
            {t('demo.load')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function jobIdOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'jobId' in value && typeof value.jobId === 'string') return value.jobId;
  return null;
}
