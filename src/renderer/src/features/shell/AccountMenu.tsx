import { Avatar, Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconLock, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';

/** The signed-in account, its role groups, and Lock / Sign out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const { account } = session;
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          leftSection={
<Avatar size={28} radius="xl" color="initials" name={account.name} />
          }
          rightSection={<IconChevronDown size={14} />}
          data-testid="account-menu"
        >
          <Text size="sm" fw={500} data-testid="signed-in-account" visibleFrom="xs">
            {account.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={6} px="sm" py="xs">
          <Text size="xs" c="dimmed">
            {t('account.signedInAs')}
          </Text>
          <Text size="sm" fw={600}>
            {account.name}
          </Text>
          <Group gap={4}>
            {account.roleGroups.map((group) => (
              <Badge key={group} size="xs" variant="outline">
                {t(`roleGroups.${group}`)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLock size={16} />} onClick={() => void session.lock()} data-testid="lock-now">
          {t('account.lockNow')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => void session.signOut()} data-testid="sign-out">
          {t('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
