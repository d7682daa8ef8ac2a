import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { NAVIGATION, type PageId } from '../../features/shell/navigation';

/** Pages that are still an empty state (Audit and Settings have their features). */
export type PlaceholderPageId = Exclude<PageId, 'audit' | 'settings'>;

/** A page whose feature has not landed yet: its header and an honest empty state saying what will fill it. */
export function PlaceholderPage({ id, description, children }: { id: PlaceholderPageId; description?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const item = NAVIGATION.find((entry) => entry.id === id)!;
  return (
    <Stack gap="lg" data-testid={`page-${id}`}>
      <PageHeader title={t(`pages.${id}.title`)} description={t(`pages.${id}.description`)} />
      <PageEmptyState
        icon={<item.icon size={30} stroke={1.6} />}
        title={t(`pages.${id}.emptyTitle`)}
        description={description ?? t(`pages.${id}.emptyDescription`)}
        nextStep={t(`pages.${id}.emptyNext`)}
      />
      {children}
    </Stack>
  );
}
