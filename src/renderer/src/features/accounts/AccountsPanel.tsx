import { ActionIcon, Badge, Button, Group, Loader, Menu, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDots, IconKey, IconLock, IconLockOpen, IconMapPin, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../../shared/contract/accounts';
import { useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { useSession } from '../auth/session';
import { AccountDialogs, type AccountDialog } from './AccountModals';
import { formatDateTime } from '../../format';

/** Settings → Accounts & roles: every account (never deleted, only locked) and what can be changed. */
export function AccountsPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const accounts = useApiQuery('accounts.list', {});
  const [dialog, setDialog] = useState<AccountDialog | null>(null);
  const open = (kind: Exclude<AccountDialog['kind'], 'create'>, account: AccountSummary) => setDialog({ kind, account });

  return (
    <Stack gap="md" data-testid="accounts-panel">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('accounts.description')}
        </Text>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'create' })} data-testid="create-account-button">
          {t('accounts.create')}
        </Button>
      </Group>
      <ErrorAlert error={accounts.error} />
      {accounts.isPending && <Loader size="sm" />}
      {accounts.data && (
        <Paper radius="md" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={820}>
            <Table data-testid="accounts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.columns.name')}</Table.Th>
                  <Table.Th>{t('accounts.columns.roleGroups')}</Table.Th>
                  <Table.Th>{t('accounts.columns.scopes')}</Table.Th>
                  <Table.Th>{t('accounts.columns.status')}</Table.Th>
                  <Table.Th>{t('accounts.columns.lastSignIn')}</Table.Th>
                  <Table.Th w={56}>
                    <VisuallyHidden>{t('accounts.columns.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.data.map((account) => (
                  <Table.Tr key={account.id} data-testid={`account-row-${account.name}`} data-locked={account.locked ? 'true' : 'false'}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {account.name}
                        </Text>
                        {account.id === session.account.id && (
                          <Badge size="xs" variant="outline" color="gray">
                            {t('accounts.you')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {account.roleGroups.map((group) => (
                          <Badge key={group} size="sm" data-role-group={group}>
                            {t(`roleGroups.${group}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {account.scopes.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('accounts.unrestricted')}
                        </Text>
                      ) : (
                        <Stack gap={2}>
                          {account.scopes.map((scope) => (
                            <Text key={scope.attribute} size="sm">
                              {t(`scopeAttributes.${scope.attribute}`)}: {scope.values.join(', ')}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={account.locked ? 'red' : 'teal'} data-testid="account-status">
                        {account.locked ? t('accounts.statusLocked') : t('accounts.statusActive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={account.lastSignInAt ? undefined : 'dimmed'}>
                        {account.lastSignInAt ? formatDateTime(account.lastSignInAt, i18n.language) : t('accounts.never')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Tooltip label={t('accounts.columns.actions')}>
                            <ActionIcon aria-label={t('accounts.actionsFor', { name: account.name })} data-testid={`account-actions-${account.name}`}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Tooltip>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconUsersGroup size={16} />} onClick={() => open('roleGroups', account)} data-testid="action-role-groups">
                            {t('accounts.editRoleGroups')}
                          </Menu.Item>
                          <Menu.Item leftSection={<IconMapPin size={16} />} onClick={() => open('scopes', account)} data-testid="action-scopes">
                            {t('accounts.editScopes')}
                          </Menu.Item>
                          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => open('password', account)} data-testid="action-password">
                            {t('accounts.resetPassword')}
                          </Menu.Item>
                          <Menu.Divider />
                          <Menu.Item
                            leftSection={account.locked ? <IconLockOpen size={16} /> : <IconLock size={16} />}
                            color={account.locked ? undefined : 'red'}
                            onClick={() => open('lock', account)}
                            data-testid="action-lock"
                          >
                            {account.locked ? t('accounts.unlock') : t('accounts.lock')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <AccountDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </Stack>
  );
}
