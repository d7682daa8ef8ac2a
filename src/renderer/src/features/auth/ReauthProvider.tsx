import { Button, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, ReauthContext, callApi, isApiError, useIrm, type RunWithReauth } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { ModalActions } from '../../components/ModalActions/ModalActions';

interface PendingPrompt {
  message: string;
  method: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sensitive actions (role changes, password resets, later anonymization off and identified
 * exports) answer REAUTH_REQUIRED until the password is re-entered: this asks for it
 * (auth.reauthenticate) and retries the action once.
 */
export function ReauthProvider({ children }: { children: ReactNode }) {
  const [prompt, setPrompt] = useState<PendingPrompt | null>(null);
  const runWithReauth = useCallback<RunWithReauth>(async (action) => {
    try {
      return await action();
    } catch (error) {
      if (!isApiError(error, 'REAUTH_REQUIRED')) throw error;
      await new Promise<void>((resolve, reject) => setPrompt({ message: error.message, method: error.method, resolve, reject }));
      return action();
    }
  }, []);
  return (
    <ReauthContext.Provider value={runWithReauth}>
      {children}
      <ReauthModal prompt={prompt} onClose={() => setPrompt(null)} />
    </ReauthContext.Provider>
  );
}

function ReauthModal({ prompt, onClose }: { prompt: PendingPrompt | null; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useIrm();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const close = (outcome: 'confirmed' | 'cancelled') => {
    if (!prompt) return;
    if (outcome === 'confirmed') prompt.resolve();
    else prompt.reject(new ApiError('CANCELLED', t('reauth.cancelled'), prompt.method));
    setPassword('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password || pending) return;
    setPending(true);
    try {
      await callApi(api, 'auth.reauthenticate', { password });
      close('confirmed');
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened={prompt !== null} onClose={() => close('cancelled')} title={t('reauth.title')} size="sm" zIndex={400}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="reauth-form">
        <Stack gap="md">
          <Text size="sm">{prompt?.message}</Text>
          <PasswordInput
            label={t('reauth.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            data-autofocus
            data-testid="reauth-password"
          />
          <ErrorAlert error={error} />
          <ModalActions onCancel={() => close('cancelled')}>
            <Button type="submit" loading={pending} disabled={!password} data-testid="reauth-submit">
              {t('reauth.confirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
