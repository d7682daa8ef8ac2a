import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconListSearch, IconShieldCheck, IconShieldX, IconX } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/contract/audit';
import { useApiInfiniteList, useApiMutation } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { downloadTextFile } from '../../download';
import { formatCount } from '../../format';
import { AuditEntryDrawer } from './AuditEntryDrawer';
import { AuditFilters, EMPTY_AUDIT_FILTER, auditFilterForApi, isEmptyAuditFilter, type AuditFilterDraft } from './AuditFilters';
import { AuditList } from './AuditList';
import classes from './AuditPage.module.css';

/** Rows fetched per audit.list call. */
export const AUDIT_PAGE_SIZE = 200;

/** The audit log: filter, scroll (virtualized, paged), verify the hash chain and export CSV. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  // Typing in the free-text fields asks the backend once the user pauses, not per keystroke.
  const [debounced] = useDebouncedValue(draft, 300);
  const filter = useMemo(() => auditFilterForApi(debounced), [debounced]);
  const [openEntry, setOpenEntry] = useState<AuditEntryView | null>(null);

  const list = useApiInfiniteList('audit.list', filter, (page) => ({ rows: page.entries, total: page.total }), AUDIT_PAGE_SIZE);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const verify = useApiMutation('audit.verify');
  const exportCsv = useApiMutation('audit.exportCsv', {
    onSuccess: (result) => {
      downloadTextFile(result.fileName, result.csv);
      notifications.show({ color: 'teal', title: t('audit.exported'), message: t('audit.exportedRows', { count: result.rows, fileName: result.fileName }) });
    },
  });

  return (
    <Stack gap="md" className={classes.page} data-testid="page-audit">
      <PageHeader
        title={t('pages.audit.title')}
        description={t('pages.audit.description')}
        actions={
          <>
            <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate({})} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
            <Button leftSection={<IconDownload size={16} />} loading={exportCsv.isPending} onClick={() => exportCsv.mutate(filter)} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </>
        }
      />
      {verify.data && (
        <Alert
          color={verify.data.intact ? 'teal' : 'red'}
          icon={verify.data.intact ? <IconShieldCheck size={18} /> : <IconShieldX size={18} />}
          title={verify.data.intact ? t('audit.intactTitle') : t('audit.brokenTitle', { sequence: verify.data.firstBadSequence ?? '?' })}
          withCloseButton
          onClose={() => verify.reset()}
          data-testid="audit-verify-result"
          data-intact={verify.data.intact ? 'true' : 'false'}
        >
          <Text size="sm">{t('audit.verifiedEntries', { count: verify.data.size })}</Text>
          {/* The backend's own words say what is wrong; when intact the count says it all. */}
          {!verify.data.intact && <Text size="sm">{verify.data.message}</Text>}
        </Alert>
      )}
      <ErrorAlert error={verify.error} />
      <ErrorAlert error={exportCsv.error} />
      <AuditFilters value={draft} onChange={setDraft} />
      <ErrorAlert error={list.error} />
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" data-testid="audit-count">
          {list.isPending
            ? t('audit.loading')
            : t('audit.count', { shown: formatCount(list.rows.length, i18n.language), total: formatCount(list.total, i18n.language), count: list.total })}
        </Text>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconX size={14} />}
          disabled={isEmptyAuditFilter(draft)}
          onClick={() => setDraft(EMPTY_AUDIT_FILTER)}
          data-testid="audit-filters-clear"
        >
          {t('audit.filters.clear')}
        </Button>
      </Group>
      {list.isSuccess && list.total === 0 ? (
        <PageEmptyState icon={<IconListSearch size={30} stroke={1.6} />} title={t('audit.emptyTitle')} description={t('audit.emptyDescription')} testId="audit-empty" />
      ) : (
        <AuditList entries={list.rows} total={list.total} hasMore={Boolean(hasNextPage)} loadingMore={isFetchingNextPage} busy={list.isFetching} onLoadMore={loadMore} onOpen={setOpenEntry} />
      )}
      <AuditEntryDrawer entry={openEntry} onClose={() => setOpenEntry(null)} />
    </Stack>
  );
}
