import { Alert, Button, Group, Modal, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingView } from '../../../../shared/contract';
import { isApiError, useApiMutation } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { ModalActions } from '../../components/ModalActions/ModalActions';

/**
 * The anonymization switch (on by default). Turning it off needs a reason (audited) and the
 * password again: the backend answers REAUTH_REQUIRED and the app's re-authentication prompt asks.
 */
export function PrivacySection({ setting }: { setting: SettingView }) {
  const { t } = useTranslation();
  const enabled = setting.value !== false;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const change = useApiMutation('settings.setAnonymization', {
    // Every person-bearing answer changes: the method refreshes everything (refresh.ts).
    onSuccess: (result) => {
      setAsking(false);
      setReason('');
      notifications.show({ color: 'teal', message: result.enabled ? t('detectionSettings.anonymizationOnDone') : t('detectionSettings.anonymizationOffDone') });
    },
  });
  const cancelledByUser = isApiError(change.error, 'CANCELLED');
  const reasonTooShort = reason.length > 0 && !(reason.trim().length >= 3);
  const reasonReady = reason.trim().length >= 3;

  return (
    <Paper p="md" data-testid="setting-privacy-anonymization" data-enabled={enabled ? 'true' : 'false'}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            {enabled ? <IconShieldLock size={22} aria-hidden /> : <IconEyeOff size={22} aria-hidden />}
            <Stack gap={2}>
              <Text fw={600}>{t('detectionSettings.anonymization')}</Text>
              <Text size="sm" c="dimmed" maw={620}>
                {t('detectionSettings.anonymizationHint')}
              </Text>
            </Stack>
          </Group>
          <Switch
            size="md"
            checked={enabled}
            onChange={(event) => (event.currentTarget.checked ? change.mutate({ enabled: true }) : setAsking(true))}
            disabled={change.isPending}
            aria-label={t('detectionSettings.anonymization')}
            data-testid="anonymization-switch"
          />
        </Group>
        {!enabled && (
          <Alert color="orange" icon={<IconEyeOff size={18} />}>
            {t('detectionSettings.anonymizationOffWarning')}
          </Alert>
        )}
        {!asking && !cancelledByUser && <ErrorAlert error={change.error} />}
      </Stack>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('detectionSettings.anonymizationOffTitle')} size="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reasonReady) change.mutate({ enabled: false, reason: reason.trim() });
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('detectionSettings.anonymizationOffExplanation')}</Text>
            <Textarea
              label={t('detectionSettings.reason')}
              description={t('detectionSettings.reasonHint')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={reasonTooShort ? t('detectionSettings.reasonTooShort') : undefined}
              autosize
              minRows={2}
              withAsterisk
              data-autofocus
              data-testid="anonymization-reason"
            />
            {!cancelledByUser && <ErrorAlert error={change.error} />}
            <ModalActions onCancel={() => setAsking(false)}>
              <Button type="submit" color="orange" loading={change.isPending} disabled={!reasonReady} data-testid="anonymization-off-confirm">
                {t('detectionSettings.anonymizationOffConfirm')}
              </Button>
            </ModalActions>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
