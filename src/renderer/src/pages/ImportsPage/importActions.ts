/** Actions on an existing import shared by the run card and the detail drawer: retry and rejects download. */
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api';
import { downloadTextFile } from '../../download';

/** Retries an import (same sources and options, optionally re-importing or skipping bad rows); reports the new job. */
export function useRetryImport(onStarted: (started: { importId: number; jobId: string }) => void) {
  return useApiMutation('imports.retry', { onSuccess: (started) => onStarted(started) });
}

/** Downloads the rejects CSV of an import run with "skip bad rows". */
export function useDownloadRejects() {
  const { t } = useTranslation();
  return useApiMutation('imports.rejects', {
    onSuccess: (result) => {
      downloadTextFile(result.fileName, result.csv);
      notifications.show({ color: 'teal', title: t('imports.rejectsSaved'), message: t('imports.rejectsSavedRows', { count: result.rows, fileName: result.fileName }) });
    },
  });
}

/** Badge colour of each import state. */
export const IMPORT_STATE_COLORS = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
  interrupted: 'orange',
} as const;
