import { Box, Checkbox, Group, Loader, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCrown, IconFileStar, IconStack2, IconStar, IconTimelineEvent, IconTrendingUp, IconWorldOff, type Icon } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskFactor } from '../../../../shared/detection';
import type { AlertSummary } from '../../../../shared/contract';
import { TRIAGE_BATCH_LIMIT } from '../../../../shared/limits';
import { AlertStatusBadge, SEVERITY_COLORS, SeverityBadge } from '../../components/DetectionBadges/DetectionBadges';
import { formatShortDateTime, formatDateTime } from '../../format';
import classes from './AlertsPage.module.css';

/** The icon of each risk factor (with its name in a tooltip). */
export const RISK_FACTOR_ICONS: Record<RiskFactor, Icon> = {
  cumulativeExfiltration: IconStack2,
  priorityContent: IconFileStar,
  sequence: IconTimelineEvent,
  unallowedDomain: IconWorldOff,
  priorityUser: IconStar,
  highImpact: IconCrown,
  unusualActivity: IconTrendingUp,
};

/** A row of risk-factor icons, each named in its tooltip and for screen readers. */
export function RiskFactorIcons({ factors, max = factors.length }: { factors: readonly RiskFactor[]; max?: number }) {
  const { t } = useTranslation();
  const hidden = factors.slice(max);
  return (
    <Group gap={4} wrap="nowrap">
      {factors.slice(0, max).map((factor) => {
        const FactorIcon = RISK_FACTOR_ICONS[factor];
        return (
          <Tooltip key={factor} label={t(`riskFactors.${factor}`)}>
            <ThemeIcon size={22} radius="sm" variant="light" color="grape" aria-label={t(`riskFactors.${factor}`)} data-risk-factor={factor}>
              <FactorIcon size={14} />
            </ThemeIcon>
          </Tooltip>
        );
      })}
      {hidden.length > 0 && (
        <Tooltip label={hidden.map((factor) => t(`riskFactors.${factor}`)).join(', ')}>
          <Text size="xs" c="dimmed" data-testid="risk-factors-more">
            {`+${hidden.length}`}
          </Text>
        </Tooltip>
      )}
    </Group>
  );
}

/** A score 0–100 as its number and a small bar in the severity's colour. */
export function ScoreBar({ score, severity }: { score: number; severity: AlertSummary['severity'] }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={600} w={26} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {score}
      </Text>
      <div className={classes.scoreBar} aria-hidden>
        <div className={classes.scoreFill} style={{ width: `${score}%`, backgroundColor: `var(--mantine-color-${SEVERITY_COLORS[severity]}-filled)` }} />
      </div>
    </Group>
  );
}

const COLUMNS = ['select', 'id', 'severityScore', 'person', 'policy', 'status', 'riskFactors', 'detected', 'assignee'] as const;
const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 40;
const PREFETCH_ROWS = 40;

/**
 * The alert queue as a virtualized grid: only the rows in view are in the DOM and the next page is
 * fetched before the end comes into view, so 100,000 alerts scroll like 100. The active row (the
 * keyboard cursor) and selected rows are data attributes the stylesheet colours.
 */
export function AlertQueue({
  alerts,
  total,
  hasMore,
  loadingMore,
  busy,
  activeIndex,
  selected,
  onLoadMore,
  onActivate,
  onOpen,
  onToggle,
  onToggleAll,
}: {
  alerts: AlertSummary[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  busy: boolean;
  activeIndex: number;
  selected: ReadonlySet<number>;
  onLoadMore(): void;
  onActivate(index: number): void;
  onOpen(alert: AlertSummary): void;
  onToggle(alert: AlertSummary): void;
  onToggleAll(): void;
}) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: alerts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= alerts.length - PREFETCH_ROWS) onLoadMore();
  }, [lastIndex, alerts.length, hasMore, loadingMore, onLoadMore]);
  useEffect(() => {
    if (activeIndex >= 0 && alerts[activeIndex]) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, alerts.length, virtualizer]);

  const allSelected = alerts.length > 0 && alerts.every((alert) => selected.has(alert.id));
  const someSelected = !allSelected && alerts.some((alert) => selected.has(alert.id));

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      role="grid"
      aria-label={t('alerts.queueLabel')}
      aria-rowcount={total + 1}
      aria-busy={busy}
      aria-multiselectable
      tabIndex={-1}
      data-testid="alert-queue"
    >
      <div className={`${classes.grid} ${classes.header}`} role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => {
          if (column === 'select') {
            return (
              <span key={column} role="columnheader">
                <Checkbox
                  size="xs"
                  checked={allSelected}
                  indeterminate={someSelected}
                  onChange={onToggleAll}
                  aria-label={t('alerts.selectAllLoaded', { max: TRIAGE_BATCH_LIMIT })}
                  data-testid="alert-select-all"
                />
              </span>
            );
          }
          return (
            <span key={column} role="columnheader" className={classes.cell} title={t(`alerts.columns.${column}`)}>
              {t(`alerts.columns.${column}`)}
            </span>
          );
        })}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const alert = alerts[item.index]!;
          const isSelected = selected.has(alert.id);
          return (
            <div
              key={alert.id}
              className={`${classes.grid} ${classes.row}`}
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={isSelected}
              data-testid="alert-row"
              data-alert-id={alert.id}
              data-severity={alert.severity}
              data-status={alert.status}
              data-selected={isSelected ? 'true' : 'false'}
              data-active={item.index === activeIndex ? 'true' : 'false'}
              onClick={() => {
                onActivate(item.index);
                onOpen(alert);
              }}
            >
              <span role="gridcell" onClick={(event) => event.stopPropagation()}>
                <Checkbox
                  size="xs"
                  checked={isSelected}
                  onChange={() => {
                    onActivate(item.index);
                    onToggle(alert);
                  }}
                  aria-label={t('alerts.select', { id: alert.id })}
                  data-testid="alert-select"
                />
              </span>
              <span role="gridcell" className={`${classes.cell} ${classes.id}`}>
                {alert.id}
              </span>
              <Group role="gridcell" gap={8} wrap="nowrap">
                <SeverityBadge severity={alert.severity} size="sm" w={64} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <ScoreBar score={alert.score} severity={alert.severity} />
                </div>
              </Group>
              <span role="gridcell" className={classes.cell} title={alert.person.displayName}>
                <Text span size="sm" fw={500}>
                  {alert.person.displayName}
                </Text>
                {alert.person.department && (
                  <Text span size="xs" c="dimmed">
                    {` · ${alert.person.department}`}
                  </Text>
                )}
              </span>
              <span role="gridcell" className={classes.cell} title={alert.policy.name}>
                {alert.policy.deleted ? t('alerts.deletedPolicy', { name: alert.policy.name }) : alert.policy.name}
              </span>
              <span role="gridcell" className={classes.cell}>
                <AlertStatusBadge status={alert.status} size="sm" />
              </span>
              <span role="gridcell" className={classes.cell}>
                <RiskFactorIcons factors={alert.riskFactors} max={3} />
              </span>
              <span role="gridcell" className={classes.cell}>
                <Tooltip label={formatDateTime(alert.detectedAt, i18n.language)}>
                  <Text span size="xs">
                    <time dateTime={new Date(alert.detectedAt).toISOString()}>{formatShortDateTime(alert.detectedAt, i18n.language)}</time>
                  </Text>
                </Tooltip>
              </span>
              <span role="gridcell" className={classes.cell} title={alert.assignee?.name}>
                {alert.assignee ? (
                  alert.assignee.name
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t('alerts.unassigned')}
                  </Text>
                )}
              </span>
            </div>
          );
        })}
      </div>
      {loadingMore && (
        <Box py="sm" ta="center">
          <Loader size="sm" aria-label={t('alerts.loadingMore')} />
        </Box>
      )}
    </div>
  );
}
