import { Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api';
import { AppLogo } from '../../components/AppLogo/AppLogo';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import classes from './LockScreen.module.css';

/**
 * Covers the locked app with an opaque screen; the page underneath stays mounted (route, filters,
 * scroll) and comes back after auth.signIn with the same account.
 */
export function LockScreen({ accountName }: { accountName: string }) {
  const { t } = useTranslation();
  const [otherAccount, setOtherAccount] = useState(false);
  const [name, setName] = useState(accountName);
  const [password, setPassword] = useState('');
  const unlock = useApiMutation('auth.signIn', {
    // Everything the page asked for while locked failed; auth.signIn refreshes it all (refresh.ts).
    onError: () => setPassword(''),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password || !name.trim()) return;
    unlock.mutate({ name: otherAccount ? name.trim() : accountName, password });
  };

  return (
    <Box className={classes.root} role="dialog" aria-modal="true" aria-labelledby="lock-screen-title" data-testid="lock-screen">
      <Center h="100%" px="md">
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <AppLogo size="lg" />
          </Center>
          <Paper radius="lg" p="xl" shadow="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon variant="light" size="lg" radius="xl" aria-hidden>
                    <IconLock size={20} />
                  </ThemeIcon>
                  <Stack gap={2}>
                    <Text id="lock-screen-title" fw={650} fz="lg">
                      {t('lock.title')}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {otherAccount ? t('lock.otherAccountNote') : t('lock.subtitle', { name: accountName })}
                    </Text>
                  </Stack>
                </Group>
                {otherAccount && (
                  <TextInput
                    label={t('fields.accountName')}
                    value={name}
                    onChange={(event) => setName(event.currentTarget.value)}
                    autoComplete="username"
                    data-testid="lock-name"
                  />
                )}
                <PasswordInput
                  label={t('fields.password')}
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  autoComplete="current-password"
                  autoFocus
                  data-testid="lock-password"
                />
                <ErrorAlert error={unlock.error} title={t('signIn.failed')} />
                <Button type="submit" loading={unlock.isPending} disabled={!password} fullWidth data-testid="lock-submit">
                  {t('lock.unlock')}
                </Button>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  ta="center"
                  onClick={() => {
                    setOtherAccount((value) => !value);
                    setName(accountName);
                  }}
                  data-testid="lock-other-account"
                >
                  {otherAccount ? t('lock.sameAccount', { name: accountName }) : t('lock.otherAccount')}
                </Anchor>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
