import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileImport, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useSession } from '../../features/auth/session';
import { DemoDataCard } from '../../features/demo/DemoDataCard';
import { allowedNavigation } from '../../features/shell/navigation';

/** Shown right after first-run setup: load the demo organisation, import real data, or add accounts. */
export function WelcomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const home = allowedNavigation(session.permissions)[0]?.path ?? '/';
  const can = (permission: 'configure' | 'manageAccounts') => session.permissions.includes(permission);
  return (
    <Stack gap="lg" maw={960} data-testid="page-welcome">
      <PageHeader
        title={t('welcome.title', { name: session.account.name })}
        description={t('welcome.description')}
        actions={
          <Button component={Link} to={home} variant="default" data-testid="welcome-continue">
            {t('welcome.continue')}
          </Button>
        }
      />
      {can('configure') && <DemoDataCard />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {can('configure') && (
          <Card>
            <Stack gap="sm" h="100%" justify="space-between">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
                  <IconFileImport size={20} />
                </ThemeIcon>
                <Stack gap={2}>
                  <Text fw={600}>{t('welcome.importTitle')}</Text>
                  <Text size="sm" c="dimmed">
                    {t('welcome.importDescription')}
                  </Text>
                </Stack>
              </Group>
              <Group>
                <Button component={Link} to="/imports" variant="light">
                  {t('welcome.importAction')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
        {can('manageAccounts') && (
          <Card>
            <Stack gap="sm" h="100%" justify="space-between">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
                  <IconUsersGroup size={20} />
                </ThemeIcon>
                <Stack gap={2}>
                  <Text fw={600}>{t('welcome.accountsTitle')}</Text>
                  <Text size="sm" c="dimmed">
                    {t('welcome.accountsDescription')}
                  </Text>
                </Stack>
              </Group>
              <Group>
                <Button component={Link} to="/settings/accounts" variant="light">
                  {t('welcome.accountsAction')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
      </SimpleGrid>
    </Stack>
  );
}
