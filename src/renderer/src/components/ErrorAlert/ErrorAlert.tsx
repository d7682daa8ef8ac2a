import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api';

/** Shows an error as the backend worded it (nothing when there is no error). */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      color="red"
      icon={<IconAlertCircle size={18} />}
      title={title ?? t('errors.title')}
      role="alert"
      data-testid="error-alert"
      data-code={isApiError(error) ? error.code : 'CLIENT'}
    >
      {errorMessage(error)}
    </Alert>
  );
}
