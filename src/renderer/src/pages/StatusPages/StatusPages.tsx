import { Button } from '@mantine/core';
import { IconLock, IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { useSession } from '../../features/auth/session';
import { allowedNavigation } from '../../features/shell/navigation';

/** The first page this account may use (Audit for an auditor). */
export function HomeRedirect() {
  const session = useSession();
  const first = allowedNavigation(session.permissions)[0];
  if (!first) return <NoPagesState />;
  return <Navigate to={first.path} replace />;
}

/** Shown on a direct route to a page the account may not use; the backend refuses its calls anyway. */
export function NotAllowedPage() {
  const { t } = useTranslation();
  return (
    <PageEmptyState
      testId="not-allowed"
      color="orange"
      icon={<IconLock size={30} stroke={1.6} />}
      title={t('notAllowed.title')}
      description={t('notAllowed.description')}
      nextStep={t('notAllowed.next')}
      actions={
        <Button component={Link} to="/" variant="light">
          {t('notAllowed.home')}
        </Button>
      }
    />
  );
}

/** Shown for a route that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <PageEmptyState
      testId="not-found"
      color="gray"
      icon={<IconMapQuestion size={30} stroke={1.6} />}
      title={t('notFound.title')}
      description={t('notFound.description')}
      actions={
        <Button component={Link} to="/" variant="light">
          {t('notFound.home')}
        </Button>
      }
    />
  );
}

/** An account whose role groups open no page (for example only Approvers, before approvals exist). */
function NoPagesState() {
  const { t } = useTranslation();
  return (
    <PageEmptyState
      testId="no-pages"
      color="gray"
      icon={<IconLock size={30} stroke={1.6} />}
      title={t('noPages.title')}
      description={t('noPages.description')}
    />
  );
}
