import { Button, Stack, Tabs } from '@mantine/core';
import { IconAdjustments, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Permission } from '../../../../shared/access';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { AccountsPanel } from '../../features/accounts/AccountsPanel';
import { useSession } from '../../features/auth/session';
import { NotAllowedPage } from '../StatusPages/StatusPages';

/** The Settings page's tabs (also its routes: `#/settings/<tab>`), each for one permission. */
export const SETTINGS_TABS = [
  { id: 'accounts', icon: IconUsersGroup, permission: 'manageAccounts' },
  { id: 'general', icon: IconAdjustments, permission: 'configure' },
] as const satisfies readonly { id: string; icon: unknown; permission: Permission }[];

/** Settings: Accounts & roles (manageAccounts) and the workstation settings (configure), one tab each. */
export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { tab } = useParams();
  const tabs = SETTINGS_TABS.filter((entry) => session.permissions.includes(entry.permission));
  const current = tabs.find((entry) => entry.id === tab);
  if (!tab && tabs[0]) return <Navigate to={`/settings/${tabs[0].id}`} replace />;

  return (
    <Stack gap="lg" data-testid="page-settings">
      <PageHeader title={t('pages.settings.title')} description={t('pages.settings.description')} />
      <Tabs value={current?.id ?? null} onChange={(value) => value && void navigate(`/settings/${value}`)} keepMounted={false}>
        <Tabs.List mb="lg">
          {tabs.map((entry) => (
            <Tabs.Tab key={entry.id} value={entry.id} leftSection={<entry.icon size={16} />} data-testid={`settings-tab-${entry.id}`}>
              {t(`settings.tabs.${entry.id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="accounts">
          <AccountsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="general">
          <PageEmptyState
            icon={<IconAdjustments size={30} stroke={1.6} />}
            title={t('settings.general.movedTitle')}
            description={t('settings.general.movedDescription')}
            actions={
              <Button component={Link} to="/policies/settings" variant="light" data-testid="open-detection-settings">
                {t('settings.general.open')}
              </Button>
            }
          />
        </Tabs.Panel>
      </Tabs>
      {!current && <NotAllowedPage />}
    </Stack>
  );
}
