import { Badge, Button, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconFlask, IconListSearch, IconUserCheck, IconX } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AlertSummary } from '../../../../shared/contract';
import { TRIAGE_BATCH_LIMIT } from '../../../../shared/limits';
import { callApi, useApiQuery, useIrm, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { formatCount } from '../../format';
import { AlertFilters } from './AlertFilters';
import { AlertQueue } from './AlertQueue';
import { AlertWidgets } from './AlertWidgets';
import { ShortcutsHelp } from './ShortcutsHelp';
import { AssignMenu, ConfirmModal, DismissModal } from './TriageModals';
import { DEFAULT_ALERT_FILTER, alertListInput, filterFromSearch, isDefaultFilter, type AlertFilterDraft } from './alertFilters';
import { AlertDetailDrawer } from './detail/AlertDetailDrawer';
import classes from './AlertsPage.module.css';

/** Alerts fetched per alerts.list call (keyset paging). */
export const ALERT_PAGE_SIZE = 100;

/** True when a key press belongs to a text field or an open dialog, not to the queue. */
function typingOrDialog(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.closest('input, textarea, select, [contenteditable="true"], [role="listbox"], [role="menu"]')) return true;
  return Boolean(target.closest('[role="dialog"]')) && !target.closest('[data-testid="alert-detail"]');
}

/**
 * Alerts: the triage queue (filters, sort, virtualized rows paged from the backend, multi-select
 * with bulk dismiss and assign, keyboard shortcuts), test-mode alerts on their own tab, and the
 * alert detail with its explanation.
 */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const api = useIrm();
  const navigate = useNavigate();
  const { tab } = useParams();
  const testMode = tab === 'test';
  const [search, setSearch] = useSearchParams();
  const [draft, setDraft] = useState<AlertFilterDraft>(() => filterFromSearch(search));
  const [debounced] = useDebouncedValue(draft, 300);
  const input = useMemo(() => alertListInput(debounced, testMode), [debounced, testMode]);
  const [selected, setSelected] = useState<Map<number, AlertSummary>>(() => new Map());
  const [activeIndex, setActiveIndex] = useState(0);
  const [helpOpened, setHelpOpened] = useState(false);
  const [assignOpened, setAssignOpened] = useState(false);
  const [dismissing, setDismissing] = useState<AlertSummary[] | null>(null);
  const [confirming, setConfirming] = useState<AlertSummary | null>(null);
  const openAlertId = Number(search.get('alert')) || null;

  const summary = useApiQuery('alerts.summary', { testMode });
  const otherSummary = useApiQuery('alerts.summary', { testMode: !testMode });
  const query = useInfiniteQuery({
    queryKey: ['alerts.list', 'pages', input],
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => callApi(api, 'alerts.list', { ...input, cursor: pageParam, limit: ALERT_PAGE_SIZE }),
    getNextPageParam: (page) => page.nextCursor,
  });
  const alerts = useMemo(() => query.data?.pages.flatMap((page) => page.alerts) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  useEffect(() => {
    setActiveIndex(0);
    setSelected(new Map());
  }, [input]);
  useEffect(() => {
    if (activeIndex >= alerts.length && alerts.length > 0) setActiveIndex(alerts.length - 1);
  }, [activeIndex, alerts.length]);

  const openAlert = useCallback(
    (id: number | null) =>
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (id === null) next.delete('alert');
          else next.set('alert', String(id));
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );
  const toggle = useCallback((alert: AlertSummary) => {
    setSelected((previous) => {
      const next = new Map(previous);
      if (next.has(alert.id)) next.delete(alert.id);
      else if (next.size < TRIAGE_BATCH_LIMIT) next.set(alert.id, alert);
      return next;
    });
  }, []);
  const toggleAll = () =>
    setSelected((previous) => (alerts.length > 0 && alerts.every((alert) => previous.has(alert.id)) ? new Map() : new Map(alerts.slice(0, TRIAGE_BATCH_LIMIT).map((alert) => [alert.id, alert]))));
  const selectedIds = useMemo(() => new Set(selected.keys()), [selected]);
  const active = alerts[activeIndex];
  const targets = selected.size > 0 ? [...selected.values()] : active ? [active] : [];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingOrDialog(event)) return;
      const drawerOpen = openAlertId !== null;
      const move = (delta: number) => {
        event.preventDefault();
        const next = Math.max(0, Math.min(alerts.length - 1, activeIndex + delta));
        setActiveIndex(next);
        if (drawerOpen && alerts[next]) openAlert(alerts[next].id);
      };
      switch (event.key) {
        case 'j':
          return move(1);
        case 'k':
          return move(-1);
        case 'ArrowDown':
          return drawerOpen ? undefined : move(1);
        case 'ArrowUp':
          return drawerOpen ? undefined : move(-1);
        case 'Enter':
          if (drawerOpen || !active) return;
          event.preventDefault();
          return openAlert(active.id);
        case 'x':
          if (!active) return;
          event.preventDefault();
          return toggle(active);
        case 'd':
          if (targets.length === 0) return;
          event.preventDefault();
          return setDismissing(targets);
        case 'a':
          if (targets.length === 0 || drawerOpen) return;
          event.preventDefault();
          return setAssignOpened(true);
        case 'Escape':
          if (!drawerOpen && selected.size > 0) setSelected(new Map());
          return;
        case '?':
          event.preventDefault();
          return setHelpOpened((opened) => !opened);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [alerts, activeIndex, active, targets, selected.size, openAlertId, openAlert, toggle]);

  const noAlertsAtAll = query.isSuccess && total === 0 && isDefaultFilter(draft) && summary.data && Object.values(summary.data.byStatus).every((count) => count === 0);
  const tabCount = (data: typeof summary.data) => (data ? data.byStatus.NeedsReview : null);

  return (
    <Stack gap="sm" className={classes.page} data-testid="page-alerts" data-test-mode={testMode ? 'true' : 'false'}>
      <PageHeader
        title={t('pages.alerts.title')}
        description={t('pages.alerts.description')}
        actions={<ShortcutsHelp opened={helpOpened} onChange={setHelpOpened} />}
      />
      <Tabs value={testMode ? 'test' : 'queue'} onChange={(value) => void navigate(value === 'test' ? '/alerts/test' : '/alerts')}>
        <Tabs.List>
          <Tabs.Tab value="queue" leftSection={<IconAlertTriangle size={16} />} data-testid="alerts-tab-queue">
            {t('alerts.tabs.queue')}
            {tabCount(testMode ? otherSummary.data : summary.data) !== null && (
              <Badge size="xs" variant="light" ml={6}>
                {formatCount(tabCount(testMode ? otherSummary.data : summary.data)!, i18n.language)}
              </Badge>
            )}
          </Tabs.Tab>
          <Tabs.Tab value="test" leftSection={<IconFlask size={16} />} data-testid="alerts-tab-test">
            {t('alerts.tabs.test')}
            {tabCount(testMode ? summary.data : otherSummary.data) !== null && (
              <Badge size="xs" variant="light" color="violet" ml={6}>
                {formatCount(tabCount(testMode ? summary.data : otherSummary.data)!, i18n.language)}
              </Badge>
            )}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {testMode && (
        <Text size="sm" c="dimmed">
          {t('alerts.testModeNote')}
        </Text>
      )}
      <ErrorAlert error={summary.error ?? (query.error as ApiError | null)} />
      {noAlertsAtAll ? (
        <PageEmptyState
          testId="alerts-empty"
          icon={<IconAlertTriangle size={30} stroke={1.6} />}
          title={testMode ? t('alerts.emptyTestTitle') : t('pages.alerts.emptyTitle')}
          description={testMode ? t('alerts.emptyTestDescription') : t('pages.alerts.emptyDescription')}
          nextStep={t('pages.alerts.emptyNext')}
          actions={
            <Group gap="sm">
              <Button component={Link} to="/imports" variant="light">
                {t('alerts.toImports')}
              </Button>
              <Button component={Link} to="/policies" variant="light">
                {t('alerts.toPolicies')}
              </Button>
            </Group>
          }
        />
      ) : (
        <>
          <AlertWidgets summary={summary.data} />
          <AlertFilters value={draft} onChange={setDraft} summary={summary.data} />
          <Group justify="space-between" gap="sm" mih={36}>
            {selected.size > 0 ? (
              <Paper px="sm" py={4} withBorder={false} bg="var(--mantine-primary-color-light)" data-testid="selection-bar">
                <Group gap="sm">
                  <Text size="sm" fw={600} data-testid="selection-count">
                    {t('alerts.selected', { count: selected.size, shown: formatCount(selected.size, i18n.language) })}
                  </Text>
                  <Button size="compact-sm" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => setDismissing([...selected.values()])} data-testid="bulk-dismiss">
                    {t('alerts.actions.dismiss')}
                  </Button>
                  <AssignMenu
                    ids={[...selected.keys()]}
                    opened={assignOpened}
                    onChange={setAssignOpened}
                    onDone={() => setSelected(new Map())}
                    target={
                      <Button size="compact-sm" variant="light" leftSection={<IconUserCheck size={14} />} data-testid="bulk-assign">
                        {t('alerts.actions.assign')}
                      </Button>
                    }
                  />
                  <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setSelected(new Map())} data-testid="selection-clear">
                    {t('alerts.clearSelection')}
                  </Button>
                </Group>
              </Paper>
            ) : (
              <Group gap="sm">
                <Text size="sm" c="dimmed" data-testid="alert-count">
                  {query.isPending
                    ? t('alerts.loading')
                    : t('alerts.count', { count: total, shown: formatCount(alerts.length, i18n.language), total: formatCount(total, i18n.language) })}
                </Text>
                {active && (
                  <AssignMenu
                    ids={[active.id]}
                    opened={assignOpened}
                    onChange={setAssignOpened}
                    target={<span data-testid="assign-anchor" />}
                  />
                )}
              </Group>
            )}
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              leftSection={<IconX size={14} />}
              disabled={isDefaultFilter(draft)}
              onClick={() => setDraft(DEFAULT_ALERT_FILTER)}
              data-testid="alert-filters-clear"
            >
              {t('alerts.filters.clear')}
            </Button>
          </Group>
          {query.isSuccess && total === 0 ? (
            <PageEmptyState
              testId="alerts-none-match"
              icon={<IconListSearch size={30} stroke={1.6} />}
              title={t('alerts.noneMatchTitle')}
              description={t('alerts.noneMatchDescription')}
            />
          ) : (
            <AlertQueue
              alerts={alerts}
              total={total}
              hasMore={Boolean(hasNextPage)}
              loadingMore={isFetchingNextPage}
              busy={query.isFetching}
              activeIndex={activeIndex}
              selected={selectedIds}
              onLoadMore={loadMore}
              onActivate={setActiveIndex}
              onOpen={(alert) => openAlert(alert.id)}
              onToggle={toggle}
              onToggleAll={toggleAll}
            />
          )}
        </>
      )}
      <AlertDetailDrawer
        alertId={openAlertId}
        onClose={() => openAlert(null)}
        onOpen={openAlert}
        onConfirm={setConfirming}
        onDismiss={(alert) => setDismissing([alert])}
      />
      <DismissModal
        alerts={dismissing}
        onClose={() => setDismissing(null)}
        onDone={(ids) =>
          setSelected((previous) => {
            const next = new Map(previous);
            for (const id of ids) next.delete(id);
            return next;
          })
        }
      />
      <ConfirmModal alert={confirming} onClose={() => setConfirming(null)} onDone={() => undefined} />
    </Stack>
  );
}
