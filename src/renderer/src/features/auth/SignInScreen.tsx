import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { AuthScreenLayout } from './AuthScreenLayout';

/** Sign-in with account name and password; the backend's message (wrong password, wait, locked) is shown as is. */
export function SignInScreen() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useApiMutation('auth.signIn', { onError: () => setPassword('') });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !password) return;
    signIn.mutate({ name: name.trim(), password });
  };

  return (
    <AuthScreenLayout title={t('signIn.title')} subtitle={t('signIn.subtitle')} testId="sign-in-screen">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.accountName')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            autoComplete="username"
            data-autofocus
            required
            data-testid="sign-in-name"
          />
          <PasswordInput
            label={t('fields.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
            data-testid="sign-in-password"
          />
          <ErrorAlert error={signIn.error} title={t('signIn.failed')} />
          <Button type="submit" loading={signIn.isPending} disabled={!name.trim() || !password} fullWidth data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthScreenLayout>
  );
}
