import { Badge, Box, Loader, Text, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/contract/audit';
import { formatDateTime, formatUtc } from '../../format';
import classes from './AuditPage.module.css';

/** Badge colour per audit result. */
export const RESULT_COLORS: Record<AuditEntryView['result'], string> = {
  success: 'teal',
  failure: 'red',
  denied: 'orange',
  warning: 'yellow',
};

const COLUMNS = ['sequence', 'time', 'actor', 'category', 'action', 'targets', 'result'] as const;
const ROW_HEIGHT = 48;
const HEADER_HEIGHT = 40;
/** Ask for the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 30;

/** The audit entries as a virtualized table: only the rows in view are in the DOM; more load on scroll. */
export function AuditList({
  entries,
  total,
  hasMore,
  loadingMore,
  busy,
  onLoadMore,
  onOpen,
}: {
  entries: AuditEntryView[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** True while rows are being fetched (a new filter included). */
  busy: boolean;
  onLoadMore(): void;
  onOpen(entry: AuditEntryView): void;
}) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= entries.length - PREFETCH_ROWS) onLoadMore();
  }, [lastIndex, entries.length, hasMore, loadingMore, onLoadMore]);

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      role="table"
      aria-label={t('audit.listLabel')}
      aria-rowcount={total + 1}
      aria-busy={busy}
      data-testid="audit-list"
    >
      <div className={`${classes.grid} ${classes.header}`} role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => (
          <span key={column} role="columnheader" className={classes.cell} title={t(`audit.columns.${column}`)}>
            {t(`audit.columns.${column}`)}
          </span>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          return (
            <div
              key={entry.sequence}
              className={`${classes.grid} ${classes.row}`}
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              role="row"
              aria-rowindex={item.index + 2}
              tabIndex={0}
              data-testid="audit-row"
              data-sequence={entry.sequence}
              data-result={entry.result}
              onClick={() => onOpen(entry)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onOpen(entry);
                }
              }}
            >
              <span role="cell" className={`${classes.cell} ${classes.sequence}`}>
                {entry.sequence}
              </span>
              <span role="cell" className={classes.cell}>
                <Tooltip label={`${t('audit.utc')} ${formatUtc(entry.time)}`}>
                  <time dateTime={formatUtc(entry.time)}>{formatDateTime(entry.time, i18n.language)}</time>
                </Tooltip>
              </span>
              <span role="cell" className={classes.cell} title={entry.actor}>
                {entry.actor}
              </span>
              <span role="cell" className={classes.cell}>
                {t(`auditCategories.${entry.category}`)}
              </span>
              <span role="cell" className={classes.cell} title={entry.action}>
                <Text span ff="monospace" size="sm">
                  {entry.action}
                </Text>
              </span>
              <span role="cell" className={classes.cell} title={entry.targets.join(', ')}>
                {entry.targets.length > 0 ? entry.targets.join(', ') : '—'}
              </span>
              <span role="cell" className={classes.cell}>
                <Badge color={RESULT_COLORS[entry.result]} data-result={entry.result}>
                  {t(`auditResults.${entry.result}`)}
                </Badge>
              </span>
            </div>
          );
        })}
      </div>
      {loadingMore && (
        <Box py="sm" ta="center">
          <Loader size="sm" aria-label={t('audit.loadingMore')} />
        </Box>
      )}
    </div>
  );
}
