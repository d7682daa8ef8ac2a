import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLE_GROUPS, type RoleGroup } from '../../../../shared/access';

/** Picks role groups by their full names (DOMAIN.md §1). */
export function RoleGroupsInput({ value, onChange, error }: { value: RoleGroup[]; onChange(value: RoleGroup[]): void; error?: string | null }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t('accounts.roleGroups')}
      description={t('accounts.roleGroupsHint')}
      data={ROLE_GROUPS.map((group) => ({ value: group, label: t(`roleGroups.${group}`) }))}
      value={value}
      onChange={(groups) => onChange(groups as RoleGroup[])}
      error={error}
      clearable
      comboboxProps={{ withinPortal: true }}
      data-testid="role-groups-input"
    />
  );
}
