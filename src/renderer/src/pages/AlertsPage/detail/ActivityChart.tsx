import { BarChart } from '@mantine/charts';
import { Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_CATEGORIES } from '../../../../../shared/signals';
import type { MethodOutput } from '../../../../../shared/contract';
import { useApiQuery } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert';
import { formatCount, formatShortUtcDay } from '../../../format';
import { CATEGORY_COLORS } from './ScoreExplanation';

const DAY = 86_400_000;

/** One row per UTC day of the range: activity counts per category and the day's risk score. */
export function chartRows(chart: MethodOutput<'alerts.activityChart'>, language: string) {
  const counts = new Map(chart.days.map((entry) => [entry.day, entry.counts]));
  const scores = new Map(chart.scoredDays.map((entry) => [entry.day, entry.score]));
  const cumulative = new Map(chart.cumulativeExfiltration.map((entry) => [entry.day, entry.volume]));
  const rows: Record<string, string | number>[] = [];
  for (let day = chart.from; day < chart.to; day += DAY) {
    const perCategory = counts.get(day);
    rows.push({
      day: formatShortUtcDay(day, language),
      ...Object.fromEntries(ACTIVITY_CATEGORIES.map((category) => [category, perCategory?.[category] ?? 0])),
      score: scores.get(day) ?? 0,
      cumulative: cumulative.get(day) ?? 0,
    });
  }
  return rows;
}

/**
 * User activity over 1, 3 or 6 months up to the alert's last day: daily activity by category
 * (stacked bars) and, under it, the daily risk score against the alert threshold.
 */
export function ActivityChart({ alertId, alertThreshold }: { alertId: number; alertThreshold: number }) {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState<1 | 3 | 6>(3);
  const chart = useApiQuery('alerts.activityChart', { id: alertId, months });
  const rows = useMemo(() => (chart.data ? chartRows(chart.data, i18n.language) : []), [chart.data, i18n.language]);
  const total = chart.data?.days.reduce((sum, entry) => sum + Object.values(entry.counts).reduce((a, b) => a + b, 0), 0) ?? 0;
  const used = ACTIVITY_CATEGORIES.filter((category) => chart.data?.days.some((entry) => entry.counts[category] > 0));

  return (
    <Stack gap="md" data-testid="activity-chart" data-months={months}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="activity-chart-summary">
          {chart.data
            ? t('alerts.chart.summary', {
                events: formatCount(total, i18n.language),
                scored: chart.data.scoredDays.length,
                sequences: chart.data.sequences.length,
              })
            : ''}
        </Text>
        <SegmentedControl
          value={String(months)}
          onChange={(value) => setMonths(Number(value) as 1 | 3 | 6)}
          data={[1, 3, 6].map((value) => ({ value: String(value), label: t('alerts.chart.months', { count: value }) }))}
          data-testid="activity-chart-months"
        />
      </Group>
      <ErrorAlert error={chart.error} />
      {chart.isPending && <Loader size="sm" />}
      {chart.data && (
        <>
          <Paper p="md">
            <Text size="sm" fw={600} mb="xs">
              {t('alerts.chart.activity')}
            </Text>
            {used.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('alerts.chart.noActivity')}
              </Text>
            ) : (
              <BarChart
                h={260}
                data={rows}
                dataKey="day"
                type="stacked"
                withLegend
                legendProps={{ verticalAlign: 'bottom', height: 40 }}
                tickLine="y"
                gridAxis="x"
                xAxisProps={{ minTickGap: 24 }}
                series={used.map((category) => ({ name: category, label: t(`activityCategories.${category}`), color: `${CATEGORY_COLORS[category]}.6` }))}
              />
            )}
          </Paper>
          <Paper p="md">
            <Text size="sm" fw={600} mb="xs">
              {t('alerts.chart.score')}
            </Text>
            <BarChart
              h={150}
              data={rows}
              dataKey="day"
              tickLine="y"
              gridAxis="x"
              xAxisProps={{ minTickGap: 24 }}
              yAxisProps={{ domain: [0, 100] }}
              series={[{ name: 'score', label: t('alerts.chart.dayScore'), color: 'red.6' }]}
              referenceLines={[{ y: alertThreshold, color: 'gray.6', label: t('alerts.explanation.thresholdMark', { threshold: alertThreshold }), labelPosition: 'insideTopRight' }]}
            />
          </Paper>
        </>
      )}
    </Stack>
  );
}
