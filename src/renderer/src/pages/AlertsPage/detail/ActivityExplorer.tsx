import { Badge, Box, CloseButton, Group, Loader, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useInfiniteQuery, keepPreviousData } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_IDS, RISK_FACTORS, type IndicatorId, type RiskFactor } from '../../../../../shared/detection';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from '../../../../../shared/signals';
import type { ActivityRow, MethodInput } from '../../../../../shared/contract';
import { callApi, useIrm, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert';
import { formatBytes, formatDate, formatTime, formatUtc, formatUtcDay } from '../../../format';
import { RiskFactorIcons } from '../AlertQueue';
import { CATEGORY_COLORS } from './ScoreExplanation';
import classes from './AlertDetail.module.css';

/** The explorer's filters (a day comes from "show events" of an insight). */
export interface ExplorerFilter {
  scope: 'alert' | 'scored' | 'all';
  category: ActivityCategory | null;
  indicator: IndicatorId | null;
  riskFactor: RiskFactor | null;
  /** UTC midnight of one day, or null for every day. */
  day: number | null;
}

/** The explorer as it opens: the activities scored in this alert. */
export const DEFAULT_EXPLORER_FILTER: ExplorerFilter = { scope: 'alert', category: null, indicator: null, riskFactor: null, day: null };

const ROW_HEIGHT = 58;
/** Insights without an indicator: a row that counted for one is named by its risk factor. */
const INSIGHT_FACTORS = ['sequence', 'cumulativeExfiltration'] as const satisfies readonly RiskFactor[];
const PAGE = 200;

function ActivityLine({ activity }: { activity: ActivityRow }) {
  const { t, i18n } = useTranslation();
  const where = activity.recipients ?? activity.domain;
  // What it counted for in this alert: its indicators, and sequences or cumulative exfiltration (which have none).
  const scoredAs = [
    ...activity.indicators.map((id) => t(`indicators.${id}`)),
    ...INSIGHT_FACTORS.filter((factor) => activity.riskFactors.includes(factor)).map((factor) => t(`riskFactors.${factor}`)),
  ].join(', ');
  return (
    <div className={classes.activityRow} data-testid="activity-row" data-scored={activity.scored ? 'true' : 'false'}>
      <Stack gap={0} className={classes.cell}>
        <Tooltip label={`${t('audit.utc')} ${formatUtc(activity.time)}`}>
          <Text size="sm">{formatDate(activity.time, i18n.language)}</Text>
        </Tooltip>
        <Text size="xs" c="dimmed" truncate>
          {[formatTime(activity.time, i18n.language), activity.device].filter(Boolean).join(' · ')}
        </Text>
      </Stack>
      <Stack gap={2} className={classes.cell}>
        <Group gap={6} wrap="nowrap">
          <Badge size="xs" variant="dot" color={CATEGORY_COLORS[activity.category]}>
            {t(`activityCategories.${activity.category}`)}
          </Badge>
          <Text size="sm" ff="monospace" truncate>
            {activity.kind}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" truncate title={scoredAs} data-testid="activity-scored-as">
          {activity.scored ? scoredAs : t('alerts.explorer.notScored')}
        </Text>
      </Stack>
      <Stack gap={0} className={classes.cell}>
        <Text size="sm" truncate title={activity.target ?? ''}>
          {activity.target ?? '—'}
        </Text>
        <Text size="xs" c="dimmed" truncate title={[where, activity.detail].filter(Boolean).join(' · ')}>
          {[
            where,
            activity.external === true ? t('alerts.explorer.external') : null,
            activity.size !== null ? formatBytes(activity.size, i18n.language) : null,
            activity.attachments ? t('alerts.explorer.attachments', { count: activity.attachments }) : null,
            activity.detail,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
      <Text size="sm" fw={600} ta="right" data-testid="activity-points">
        {activity.scored ? activity.points : '—'}
      </Text>
      <div className={classes.cell}>
        <RiskFactorIcons factors={activity.riskFactors} />
      </div>
      <Tooltip label={t('alerts.explorer.provenance', { sha256: activity.source.sha256, importId: activity.source.importId })} multiline maw={420}>
        <Text size="xs" ff="monospace" c="dimmed" truncate data-testid="activity-source">
          {`${activity.source.fileName}:${activity.source.line}`}
        </Text>
      </Tooltip>
    </div>
  );
}

/**
 * Activity explorer: the activities behind the alert (or every scored / every activity of the
 * person), filterable by category, indicator, risk factor and day, each with its source file and
 * line. Virtualized and paged with the backend's cursor.
 */
export function ActivityExplorer({
  alertId,
  filter,
  onChange,
  indicators,
}: {
  alertId: number;
  filter: ExplorerFilter;
  onChange(filter: ExplorerFilter): void;
  /** The indicators of this alert's insights, offered first. */
  indicators: IndicatorId[];
}) {
  const { t, i18n } = useTranslation();
  const api = useIrm();
  const input: Omit<MethodInput<'alerts.activities'>, 'cursor' | 'limit'> = {
    id: alertId,
    scope: filter.scope,
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.indicator ? { indicator: filter.indicator } : {}),
    ...(filter.riskFactor ? { riskFactor: filter.riskFactor } : {}),
    ...(filter.day !== null ? { from: filter.day, to: filter.day + 86_400_000 } : {}),
  };
  const query = useInfiniteQuery({
    queryKey: ['alerts.activities', 'pages', input],
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => callApi(api, 'alerts.activities', { ...input, cursor: pageParam, limit: PAGE }),
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = query.data?.pages.flatMap((page) => page.activities) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 30) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const set = (change: Partial<ExplorerFilter>) => onChange({ ...filter, ...change });
  const indicatorOptions = [...indicators, ...INDICATOR_IDS.filter((id) => !indicators.includes(id))];

  return (
    <Stack gap="sm" data-testid="activity-explorer">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={filter.scope}
          onChange={(scope) => set({ scope: scope as ExplorerFilter['scope'] })}
          data={[
            { value: 'alert', label: t('alerts.explorer.scopeAlert') },
            { value: 'scored', label: t('alerts.explorer.scopeScored') },
            { value: 'all', label: t('alerts.explorer.scopeAll') },
          ]}
          data-testid="explorer-scope"
        />
        <Select
          size="sm"
          placeholder={t('alerts.explorer.anyCategory')}
          aria-label={t('alerts.explorer.category')}
          data={ACTIVITY_CATEGORIES.map((category) => ({ value: category, label: t(`activityCategories.${category}`) }))}
          value={filter.category}
          onChange={(category) => set({ category: category as ActivityCategory | null })}
          clearable
          allowDeselect
          w={170}
        />
        <Select
          size="sm"
          placeholder={t('alerts.explorer.anyIndicator')}
          aria-label={t('alerts.explorer.indicator')}
          data={indicatorOptions.map((id) => ({ value: id, label: t(`indicators.${id}`) }))}
          value={filter.indicator}
          onChange={(indicator) => set({ indicator: indicator as IndicatorId | null })}
          clearable
          allowDeselect
          searchable
          w={260}
          comboboxProps={{ width: 380 }}
          data-testid="explorer-indicator"
        />
        <Select
          size="sm"
          placeholder={t('alerts.explorer.anyRiskFactor')}
          aria-label={t('alerts.filters.riskFactors')}
          data={RISK_FACTORS.map((factor) => ({ value: factor, label: t(`riskFactors.${factor}`) }))}
          value={filter.riskFactor}
          onChange={(factor) => set({ riskFactor: factor as RiskFactor | null })}
          clearable
          allowDeselect
          w={220}
          comboboxProps={{ width: 320 }}
        />
        {filter.day !== null && (
          <Badge size="lg" variant="light" rightSection={<CloseButton size="xs" aria-label={t('alerts.explorer.anyDay')} onClick={() => set({ day: null })} />} data-testid="explorer-day">
            {formatUtcDay(filter.day, i18n.language)}
          </Badge>
        )}
      </Group>
      <ErrorAlert error={query.error as ApiError | null} />
      <div className={classes.explorer} ref={scroller} role="table" aria-label={t('alerts.explorer.label')} aria-busy={query.isFetching} data-testid="activity-list">
        <div className={`${classes.activityRow} ${classes.explorerHeader}`} role="row">
          <span>{t('alerts.explorer.time')}</span>
          <span>{t('alerts.explorer.activity')}</span>
          <span>{t('alerts.explorer.target')}</span>
          <span style={{ textAlign: 'right' }}>{t('alerts.explorer.points')}</span>
          <span>{t('alerts.explorer.factors')}</span>
          <span>{t('alerts.explorer.source')}</span>
        </div>
        {query.isPending && (
          <Group justify="center" p="md">
            <Loader size="sm" />
          </Group>
        )}
        {query.isSuccess && rows.length === 0 && (
          <Text size="sm" c="dimmed" p="md" ta="center" data-testid="activity-empty">
            {t('alerts.explorer.empty')}
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <Box key={rows[item.index]!.id} style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}>
              <ActivityLine activity={rows[item.index]!} />
            </Box>
          ))}
        </div>
        {isFetchingNextPage && (
          <Group justify="center" p="xs">
            <Loader size="xs" />
          </Group>
        )}
      </div>
      <Text size="xs" c="dimmed" data-testid="activity-count">
        {hasNextPage ? t('alerts.explorer.countMore', { count: rows.length }) : t('alerts.explorer.count', { count: rows.length })}
      </Text>
    </Stack>
  );
}
