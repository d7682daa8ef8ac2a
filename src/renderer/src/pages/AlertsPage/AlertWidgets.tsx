import { Group, Paper, Progress, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SEVERITIES } from '../../../../shared/detection';
import type { MethodOutput } from '../../../../shared/contract';
import { SEVERITY_COLORS, STATUS_COLORS } from '../../components/DetectionBadges/DetectionBadges';
import { formatCount } from '../../format';

/** The queue's widgets: alerts needing review split by severity (a bar to look at), and the other statuses. */
export function AlertWidgets({ summary }: { summary: MethodOutput<'alerts.summary'> | undefined }) {
  const { t, i18n } = useTranslation();
  const review = summary?.needsReview ?? { Low: 0, Medium: 0, High: 0 };
  const total = review.Low + review.Medium + review.High;
  const count = (value: number) => formatCount(value, i18n.language);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="alert-widgets">
      <Paper p="md" style={{ gridColumn: 'span 1' }}>
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="xs" tt="uppercase" fw={600} c="dimmed">
              {t('alerts.widgets.needsReview')}
            </Text>
            <Text fw={700} size="xl" data-testid="widget-needs-review">
              {count(total)}
            </Text>
          </Group>
          <Progress.Root size={10} aria-label={t('alerts.widgets.bySeverity')}>
            {[...SEVERITIES].reverse().map((severity) => (
              <Tooltip key={severity} label={`${t(`severities.${severity}`)}: ${count(review[severity])}`}>
                <Progress.Section value={total ? (100 * review[severity]) / total : 0} color={SEVERITY_COLORS[severity]} />
              </Tooltip>
            ))}
          </Progress.Root>
          <Group gap="md">
            {[...SEVERITIES].reverse().map((severity) => (
              <Group key={severity} gap={4} data-testid={`widget-${severity}`}>
                <div style={{ width: 8, height: 8, borderRadius: 4, backgroundColor: `var(--mantine-color-${SEVERITY_COLORS[severity]}-filled)` }} />
                <Text size="xs">{`${t(`severities.${severity}`)} ${count(review[severity])}`}</Text>
              </Group>
            ))}
          </Group>
        </Stack>
      </Paper>
      {(['Confirmed', 'Dismissed', 'Resolved'] as const).map((status) => (
        <Paper key={status} p="md">
          <Stack gap={4}>
            <Text size="xs" tt="uppercase" fw={600} c="dimmed">
              {t(`alertStatuses.${status}`)}
            </Text>
            <Text fw={700} size="xl" c={`var(--mantine-color-${STATUS_COLORS[status]}-text)`} data-testid={`widget-${status}`}>
              {count(summary?.byStatus[status] ?? 0)}
            </Text>
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
