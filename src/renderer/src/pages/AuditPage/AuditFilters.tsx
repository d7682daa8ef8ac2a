import { Group, Select, TextInput } from '@mantine/core';
import { type DatesRangeValue } from '@mantine/dates';
import { IconSearch, IconUser } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../../../shared/contract/spec';
import type { AuditFilter } from '../../../../shared/contract/audit';
import { DateRangeFilter } from '../../components/DateRangeFilter/DateRangeFilter';

/** What the filter controls hold (dates as the picker's day strings). */
export interface AuditFilterDraft {
  category: AuditCategory | null;
  actor: string;
  range: DatesRangeValue<string>;
  text: string;
}

/** No filter. */
export const EMPTY_AUDIT_FILTER: AuditFilterDraft = { category: null, actor: '', range: [null, null], text: '' };

/** True when no filter is set. */
export function isEmptyAuditFilter(draft: AuditFilterDraft): boolean {
  return !draft.category && !draft.actor && !draft.text && !draft.range[0] && !draft.range[1];
}

/** Turns the controls into the API's filter: whole local days, empty fields left out. */
export function auditFilterForApi(draft: AuditFilterDraft): AuditFilter {
  const filter: AuditFilter = {};
  if (draft.category) filter.category = draft.category;
  if (draft.actor.trim()) filter.actor = draft.actor.trim();
  if (draft.text.trim()) filter.text = draft.text.trim();
  const [from, to] = draft.range;
  if (from) filter.from = dayjs(from).startOf('day').valueOf();
  if (to) filter.to = dayjs(to).endOf('day').valueOf();
  return filter;
}

/** Category, actor, date range and text filters of the audit log. */
export function AuditFilters({ value, onChange }: { value: AuditFilterDraft; onChange(value: AuditFilterDraft): void }) {
  const { t } = useTranslation();
  const set = (change: Partial<AuditFilterDraft>) => onChange({ ...value, ...change });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="audit-filters">
      <Select
        label={t('audit.filters.category')}
        placeholder={t('audit.filters.allCategories')}
        data={AUDIT_CATEGORIES.map((category) => ({ value: category, label: t(`auditCategories.${category}`) }))}
        value={value.category}
        onChange={(category) => set({ category: (category as AuditCategory | null) ?? null })}
        clearable
        allowDeselect
        w={180}
        data-testid="audit-filter-category"
      />
      <TextInput
        label={t('audit.filters.actor')}
        placeholder={t('audit.filters.actorPlaceholder')}
        leftSection={<IconUser size={16} />}
        value={value.actor}
        onChange={(event) => set({ actor: event.currentTarget.value })}
        w={160}
        data-testid="audit-filter-actor"
      />
      <DateRangeFilter
        label={t('audit.filters.dateRange')}
        placeholder={t('audit.filters.anyDate')}
        value={value.range}
        onChange={(range) => set({ range })}
        width={240}
        testId="audit-filter-dates"
      />
      <TextInput
        label={t('audit.filters.text')}
        placeholder={t('audit.filters.textPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={value.text}
        onChange={(event) => set({ text: event.currentTarget.value })}
        style={{ flex: 1, minWidth: 180 }}
        data-testid="audit-filter-text"
      />
    </Group>
  );
}
