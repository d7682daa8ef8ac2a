import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useApiMutation, useRefresh } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { AuthScreenLayout } from './AuthScreenLayout';
import { MIN_PASSWORD_LENGTH, accountNameProblem } from './validation';

/** First run: create the first account (Insider Risk Management) and sign it in. */
export function FirstRunScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const refresh = useRefresh();
  const location = useLocation();
  const setup = useApiMutation('auth.setup', { refresh: 'later', onSuccess: () => navigate('/welcome') });
  // Re-read auth.status only once the route is /welcome (the router commits location changes as
  // transitions): the shell then opens on the welcome page, which offers the demo organisation.
  const setUp = setup.isSuccess;
  useEffect(() => {
    if (setUp && location.pathname === '/welcome') void refresh('auth.setup');
  }, [setUp, location.pathname, refresh]);

  const nameProblem = accountNameProblem(name);
  const passwordProblem = password.length < MIN_PASSWORD_LENGTH ? 'tooShort' : null;
  const confirmationProblem = confirmation !== password ? 'mismatch' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (nameProblem || passwordProblem || confirmationProblem) return;
    setup.mutate({ name: name.trim(), password });
  };

  return (
    <AuthScreenLayout title={t('firstRun.title')} subtitle={t('firstRun.subtitle')} testId="first-run-screen">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.accountName')}
            description={t('fields.accountNameHint')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={submitted && nameProblem ? t(`validation.${nameProblem}`) : null}
            autoComplete="username"
            data-autofocus
            required
            data-testid="first-run-name"
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('fields.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={submitted && passwordProblem ? t('validation.passwordTooShort', { count: MIN_PASSWORD_LENGTH }) : null}
            autoComplete="new-password"
            required
            data-testid="first-run-password"
          />
          <PasswordInput
            label={t('fields.passwordConfirmation')}
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={submitted && confirmationProblem ? t('validation.passwordMismatch') : null}
            autoComplete="new-password"
            required
            data-testid="first-run-confirmation"
          />
          <Alert icon={<IconInfoCircle size={18} />} color="indigo">
            <Text size="sm">{t('firstRun.roleNote', { roleGroup: t('roleGroups.InsiderRiskManagement') })}</Text>
          </Alert>
          <ErrorAlert error={setup.error} />
          <Button type="submit" loading={setup.isPending} fullWidth data-testid="first-run-submit">
            {t('firstRun.submit')}
          </Button>
        </Stack>
      </form>
    </AuthScreenLayout>
  );
}
