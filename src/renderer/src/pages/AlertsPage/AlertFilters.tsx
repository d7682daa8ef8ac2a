import { ActionIcon, Group, MultiSelect, Select, TextInput, Tooltip } from '@mantine/core';
import { IconSearch, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ALERT_STATUSES, RISK_FACTORS, SEVERITIES, type AlertStatus, type RiskFactor, type Severity } from '../../../../shared/detection';
import { ALERT_SORT_FIELDS, type MethodOutput } from '../../../../shared/contract';
import type { AlertFilterDraft, AlertSortField } from './alertFilters';
import { DateRangeFilter } from '../../components/DateRangeFilter/DateRangeFilter';

/** Status, severity, policy, time detected, risk factor, assignee and text filters, and the sort. */
export function AlertFilters({
  value,
  onChange,
  summary,
}: {
  value: AlertFilterDraft;
  onChange(value: AlertFilterDraft): void;
  summary: MethodOutput<'alerts.summary'> | undefined;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<AlertFilterDraft>) => onChange({ ...value, ...change });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="alert-filters">
      <MultiSelect
        label={t('alerts.filters.status')}
        placeholder={value.status.length ? undefined : t('alerts.filters.any')}
        data={ALERT_STATUSES.map((status) => ({ value: status, label: t(`alertStatuses.${status}`) }))}
        value={value.status}
        onChange={(status) => set({ status: status as AlertStatus[] })}
        clearable
        w={220}
        data-testid="alert-filter-status"
      />
      <MultiSelect
        label={t('alerts.filters.severity')}
        placeholder={value.severity.length ? undefined : t('alerts.filters.any')}
        data={[...SEVERITIES].reverse().map((severity) => ({ value: severity, label: t(`severities.${severity}`) }))}
        value={value.severity}
        onChange={(severity) => set({ severity: severity as Severity[] })}
        clearable
        w={190}
        data-testid="alert-filter-severity"
      />
      <MultiSelect
        label={t('alerts.filters.policy')}
        placeholder={value.policyIds.length ? undefined : t('alerts.filters.anyPolicy')}
        data={(summary?.policies ?? []).map((policy) => ({
          value: String(policy.id),
          label: policy.deleted ? t('alerts.deletedPolicy', { name: policy.name }) : policy.name,
        }))}
        value={value.policyIds.map(String)}
        onChange={(ids) => set({ policyIds: ids.map(Number) })}
        clearable
        searchable
        w={220}
        data-testid="alert-filter-policy"
      />
      <DateRangeFilter
        label={t('alerts.filters.detected')}
        placeholder={t('alerts.filters.anyTime')}
        value={value.range}
        onChange={(range) => set({ range })}
        width={230}
        testId="alert-filter-detected"
      />
      <MultiSelect
        label={t('alerts.filters.riskFactors')}
        placeholder={value.riskFactors.length ? undefined : t('alerts.filters.any')}
        data={RISK_FACTORS.map((factor) => ({ value: factor, label: t(`riskFactors.${factor}`) }))}
        value={value.riskFactors}
        onChange={(factors) => set({ riskFactors: factors as RiskFactor[] })}
        clearable
        w={250}
        comboboxProps={{ width: 320 }}
        data-testid="alert-filter-risk"
      />
      <Select
        label={t('alerts.filters.assignee')}
        data={[
          { value: '', label: t('alerts.filters.anyone') },
          { value: 'me', label: t('alerts.filters.me') },
          { value: 'unassigned', label: t('alerts.filters.unassigned') },
          ...(summary?.assignees ?? []).map((account) => ({ value: String(account.id), label: account.name })),
        ]}
        value={value.assignee}
        onChange={(assignee) => set({ assignee: assignee ?? '' })}
        w={160}
        data-testid="alert-filter-assignee"
      />
      <TextInput
        label={t('alerts.filters.text')}
        placeholder={t('alerts.filters.textPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={value.text}
        onChange={(event) => set({ text: event.currentTarget.value })}
        style={{ flex: 1, minWidth: 200 }}
        data-testid="alert-filter-text"
      />
      <Group gap={4} align="flex-end" wrap="nowrap">
        <Select
          label={t('alerts.filters.sort')}
          data={ALERT_SORT_FIELDS.map((field) => ({ value: field, label: t(`alerts.sort.${field}`) }))}
          value={value.sort.field}
          onChange={(field) => field && set({ sort: { ...value.sort, field: field as AlertSortField } })}
          w={170}
          data-testid="alert-sort"
        />
        <Tooltip label={value.sort.direction === 'desc' ? t('alerts.sort.desc') : t('alerts.sort.asc')}>
          <ActionIcon
            variant="default"
            size={36}
            aria-label={value.sort.direction === 'desc' ? t('alerts.sort.desc') : t('alerts.sort.asc')}
            onClick={() => set({ sort: { ...value.sort, direction: value.sort.direction === 'desc' ? 'asc' : 'desc' } })}
            data-testid="alert-sort-direction"
            data-direction={value.sort.direction}
          >
            {value.sort.direction === 'desc' ? <IconSortDescending size={18} /> : <IconSortAscending size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
