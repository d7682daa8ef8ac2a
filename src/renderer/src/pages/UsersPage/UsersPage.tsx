import { Badge, Box, Chip, Group, Loader, SegmentedControl, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, type RiskLevel, type UserView } from '../../../../shared/contract';
import { useApiInfiniteList, useApiQuery } from '../../api';
import { RiskLevelBadge } from '../../components/DetectionBadges/DetectionBadges';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useSession } from '../../features/auth/session';
import { useTriggerSentence } from '../../features/triggers/triggerSentence';
import { formatCount, formatDate } from '../../format';
import { DistanceBar } from './DistanceBar';
import { UserDrawer } from './UserDrawer';
import classes from './UsersPage.module.css';

/** Users fetched per users.list call. */
export const USERS_PAGE_SIZE = 200;
const ROW_HEIGHT = 60;
const HEADER_HEIGHT = 40;
const COLUMNS = ['person', 'risk', 'distance', 'trigger', 'policies', 'alerts', 'violations'] as const;

/** The policy behind the person's risk: the one with the highest score (the backend lists them highest first). */
function leadingPolicy(user: UserView) {
  return user.policies[0] ?? null;
}

/** Policy choices for the filter from whatever this account may read (configure: policies; triage: the alert queue's list). */
function usePolicyChoices(): { value: string; label: string }[] {
  const session = useSession();
  const canConfigure = session.permissions.includes('configure');
  const canTriage = session.permissions.includes('triageAlerts');
  const policies = useApiQuery('policies.list', {}, { enabled: canConfigure });
  const summary = useApiQuery('alerts.summary', { testMode: false }, { enabled: !canConfigure && canTriage });
  if (policies.data) return policies.data.map((policy) => ({ value: String(policy.id), label: policy.name }));
  return (summary.data?.policies ?? []).filter((policy) => !policy.deleted).map((policy) => ({ value: String(policy.id), label: policy.name }));
}

function UserList({ users, total, hasMore, loadingMore, onLoadMore, onOpen }: { users: UserView[]; total: number; hasMore: boolean; loadingMore: boolean; onLoadMore(): void; onOpen(user: UserView): void }) {
  const { t, i18n } = useTranslation();
  const triggerSentence = useTriggerSentence();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: users.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10, scrollMargin: HEADER_HEIGHT });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= users.length - 40) onLoadMore();
  }, [lastIndex, users.length, hasMore, loadingMore, onLoadMore]);

  return (
    <div ref={scroller} className={classes.scroller} role="table" aria-label={t('users.listLabel')} aria-rowcount={total + 1} data-testid="user-list">
      <div className={`${classes.grid} ${classes.header}`} role="row">
        {COLUMNS.map((column) => (
          <span key={column} role="columnheader" className={classes.cell}>
            {t(`users.columns.${column}`)}
          </span>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const user = users[item.index]!;
          const lead = leadingPolicy(user);
          const sentence = lead ? triggerSentence(lead.trigger) : '';
          return (
            <div
              key={user.person.id}
              className={`${classes.grid} ${classes.row}`}
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              role="row"
              tabIndex={0}
              data-testid="user-row"
              data-person-id={user.person.id}
              data-risk-level={user.riskLevel}
              onClick={() => onOpen(user)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onOpen(user);
                }
              }}
            >
              <Stack gap={0} className={classes.cell} role="cell">
                <Text size="sm" fw={600} truncate data-testid="user-name">
                  {user.person.displayName}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[user.person.title, user.person.department ?? user.person.businessUnit].filter(Boolean).join(' · ') || '—'}
                </Text>
              </Stack>
              <span role="cell">
                <RiskLevelBadge level={user.riskLevel} size="sm" />
              </span>
              <span role="cell">{lead ? <DistanceBar score={lead.score} threshold={lead.alertThreshold} compact /> : '—'}</span>
              <Stack gap={0} className={classes.cell} role="cell">
                {lead && (
                  <>
                    <Text size="sm" truncate title={sentence}>
                      {lead.manual ? t('users.manual') : t(`triggerKinds.${lead.trigger.kind}`)}
                    </Text>
                    <Text size="xs" c="dimmed" truncate title={sentence} data-testid="user-trigger-sentence">
                      {`${formatDate(lead.trigger.time, i18n.language)} · ${sentence}`}
                    </Text>
                  </>
                )}
              </Stack>
              <Group gap={4} wrap="nowrap" className={classes.cell} role="cell">
                {user.policies.slice(0, 2).map((entry) => (
                  <Badge key={entry.policy.id} size="sm" variant="light" color="gray" tt="none" maw={160}>
                    {entry.policy.name}
                  </Badge>
                ))}
                {user.policies.length > 2 && (
                  <Tooltip label={user.policies.slice(2).map((entry) => entry.policy.name).join(', ')}>
                    <Badge size="sm" variant="outline" color="gray">
                      {`+${user.policies.length - 2}`}
                    </Badge>
                  </Tooltip>
                )}
              </Group>
              <Text size="sm" role="cell" fw={user.activeAlerts > 0 ? 600 : undefined}>
                {formatCount(user.activeAlerts, i18n.language)}
              </Text>
              <Text size="sm" role="cell">
                {formatCount(user.confirmedViolations, i18n.language)}
              </Text>
            </div>
          );
        })}
      </div>
      {loadingMore && (
        <Box py="sm" ta="center">
          <Loader size="sm" />
        </Box>
      )}
    </div>
  );
}

/**
 * Users: everyone in scope of any policy, with trigger, policies, risk level and how far below the
 * alert threshold they are, so "why is there no alert?" has an answer. Search, filter and sort run
 * in the backend; the list is virtualized and paged.
 */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [levels, setLevels] = useState<RiskLevel[]>([]);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [sort, setSort] = useState<'risk' | 'name'>('risk');
  const [open, setOpen] = useState<number | null>(null);
  const [debouncedText] = useDebouncedValue(text, 300);
  const policies = usePolicyChoices();
  const input = useMemo(
    () => ({
      sort,
      ...(debouncedText.trim() ? { text: debouncedText.trim() } : {}),
      ...(levels.length ? { riskLevels: levels } : {}),
      ...(policyId ? { policyId: Number(policyId) } : {}),
    }),
    [sort, debouncedText, levels, policyId],
  );
  const list = useApiInfiniteList('users.list', input, (page) => ({ rows: page.users, total: page.total }), USERS_PAGE_SIZE);
  const known = useApiQuery('persons.count', {});
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const filtered = Boolean(input.text || input.riskLevels || input.policyId);
  const nobody = list.isSuccess && list.total === 0 && !filtered;

  return (
    <Stack gap="md" className={nobody ? undefined : classes.page} data-testid="page-users">
      <PageHeader title={t('pages.users.title')} description={t('pages.users.description')} />
      <ErrorAlert error={list.error} />
      {nobody ? (
        <PageEmptyState
          testId="users-empty"
          icon={<IconUsers size={30} stroke={1.6} />}
          title={t('pages.users.emptyTitle')}
          description={`${t('pages.users.emptyDescription')}${known.data ? ` ${t('pages.users.knownPersons', { count: known.data.count })}` : ''}`}
          nextStep={t('pages.users.emptyNext')}
        />
      ) : (
        <>
          <Group gap="sm" align="flex-end" wrap="wrap" data-testid="user-filters">
            <TextInput
              label={t('users.search')}
              placeholder={t('users.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              w={280}
              data-testid="user-search"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('users.riskLevel')}
              </Text>
              <Chip.Group multiple value={levels} onChange={(values) => setLevels(values as RiskLevel[])}>
                <Group gap={6} h={36}>
                  {[...RISK_LEVELS].reverse().map((level) => (
                    <Chip key={level} value={level} size="sm" data-testid={`user-risk-${level}`}>
                      {t(`riskLevels.${level}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
            <Select
              label={t('users.policy')}
              placeholder={t('alerts.filters.anyPolicy')}
              data={policies}
              value={policyId}
              onChange={setPolicyId}
              clearable
              allowDeselect
              searchable
              w={240}
              data-testid="user-policy-filter"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('users.sort')}
              </Text>
              <SegmentedControl
                value={sort}
                onChange={(value) => setSort(value as 'risk' | 'name')}
                data={[
                  { value: 'risk', label: t('users.sortRisk') },
                  { value: 'name', label: t('users.sortName') },
                ]}
                data-testid="user-sort"
              />
            </Stack>
          </Group>
          <Text size="sm" c="dimmed" data-testid="user-count">
            {list.isPending ? t('users.loading') : t('users.count', { count: list.total, shown: formatCount(list.rows.length, i18n.language), total: formatCount(list.total, i18n.language) })}
          </Text>
          {list.isSuccess && list.total === 0 ? (
            <PageEmptyState testId="users-none-match" icon={<IconSearch size={30} stroke={1.6} />} title={t('users.noneMatchTitle')} description={t('users.noneMatchDescription')} />
          ) : (
            <UserList users={list.rows} total={list.total} hasMore={Boolean(hasNextPage)} loadingMore={isFetchingNextPage} onLoadMore={loadMore} onOpen={(user) => setOpen(user.person.id)} />
          )}
        </>
      )}
      <UserDrawer personId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
