import { ActionIcon, AppShell, Burger, Group, NavLink, ScrollArea, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { AppLogo } from '../../components/AppLogo/AppLogo';
import { ColorSchemeToggle } from '../../components/ColorSchemeToggle/ColorSchemeToggle';
import { LanguageSwitch } from '../../components/LanguageSwitch/LanguageSwitch';
import { useSession } from '../auth/session';
import { AboutModal } from './AboutModal';
import { AccountMenu } from './AccountMenu';
import { allowedNavigation } from './navigation';

/** The app frame: header (name, language, colour scheme, About, account) and the navbar of allowed pages. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [navbarOpened, navbar] = useDisclosure(false);
  const [aboutOpened, about] = useDisclosure(false);
  const items = allowedNavigation(session.permissions);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navbarOpened} onClick={navbar.toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <AppLogo />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <ColorSchemeToggle />
            <Tooltip label={t('about.open')}>
              <ActionIcon size="lg" onClick={about.open} aria-label={t('about.open')} data-testid="about-button">
                <IconInfoCircle size={20} stroke={1.7} />
              </ActionIcon>
            </Tooltip>
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav data-testid="navigation">
            {items.map((item) => {
              const active = location.pathname === item.path || location.pathname.startsWith(`${item.path}/`);
              return (
                <NavLink
                  key={item.id}
                  component={Link}
                  to={item.path}
                  label={t(`pages.${item.id}.nav`)}
                  leftSection={<item.icon size={19} stroke={1.7} />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={navbar.close}
                  data-testid={`nav-${item.id}`}
                  mb={2}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              );
            })}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>

      <AboutModal opened={aboutOpened} onClose={about.close} />
    </AppShell>
  );
}
