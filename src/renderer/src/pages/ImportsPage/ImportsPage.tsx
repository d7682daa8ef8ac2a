import { Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { DemoDataCard } from '../../features/demo/DemoDataCard';
import { HISTORY_PAGE_SIZE, ImportHistory } from './ImportHistory';
import { ImportDetailDrawer } from './ImportDetailDrawer';
import { ImportPreviewPanel, type ImportPreview } from './ImportPreviewPanel';
import { ImportRunCard } from './ImportRunCard';
import { EMPTY_IMPORT_DRAFT, ImportSourceForm, chosenPaths, type ImportDraft } from './ImportSourceForm';
import { useJobProgressByJob } from './importJobs';

interface Run {
  importId: number;
  jobId: string;
}

/** What a preview was made for; a changed path or format makes it stale. */
function previewKey(draft: ImportDraft): string {
  return JSON.stringify({ paths: chosenPaths(draft), format: draft.format });
}

/**
 * Imports: choose files or folders (typed path, folder browser, drop), preview what each file is
 * and how its columns map before anything is written, start an all-or-nothing job with progress
 * and cancel, and see the history with counts, problems, rejects and retry.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ImportDraft>(EMPTY_IMPORT_DRAFT);
  const [preview, setPreview] = useState<{ key: string; result: ImportPreview } | null>(null);
  const [runs, setRuns] = useState<Run[]>([]);
  const [openImport, setOpenImport] = useState<number | null>(null);
  const progressByJob = useJobProgressByJob('import');
  const firstPage = useApiQuery('imports.list', { offset: 0, limit: HISTORY_PAGE_SIZE });
  // Offered while nothing is imported; once shown it stays for this visit, so its own imports do not hide it.
  const [demoOffered, setDemoOffered] = useState(false);
  useEffect(() => {
    if (firstPage.data?.total === 0) setDemoOffered(true);
  }, [firstPage.data?.total]);

  const addRun = (run: Run) => setRuns((previous) => [run, ...previous.filter((other) => other.importId !== run.importId)]);
  const previewCall = useApiMutation('imports.preview', {
    onSuccess: (result, input) => setPreview({ key: JSON.stringify({ paths: input.paths, format: input.format ?? null }), result }),
  });
  const start = useApiMutation('imports.start', {
    onSuccess: (started) => {
      addRun(started);
      setPreview(null);
      setDraft((previous) => ({ ...EMPTY_IMPORT_DRAFT, format: previous.format, onError: previous.onError }));
    },
  });

  const currentPreview = preview && preview.key === previewKey(draft) ? preview.result : null;
  const runPreview = () => {
    start.reset();
    previewCall.mutate({ paths: chosenPaths(draft), ...(draft.format ? { format: draft.format } : {}) });
  };
  const runStart = () =>
    start.mutate({
      paths: chosenPaths(draft),
      ...(draft.format ? { format: draft.format } : {}),
      onError: draft.onError,
      reimport: draft.reimport,
      utcOffsetMinutes: draft.utcOffsetMinutes,
    });

  return (
    <Stack gap="lg" data-testid="page-imports">
      <PageHeader title={t('pages.imports.title')} description={t('pages.imports.description')} />
      {runs.map((run) => (
        <ImportRunCard
          key={run.importId}
          importId={run.importId}
          progress={progressByJob.get(run.jobId)}
          onClose={() => setRuns((previous) => previous.filter((other) => other.importId !== run.importId))}
          onRetried={addRun}
        />
      ))}
      <ImportSourceForm draft={draft} onChange={setDraft} onPreview={runPreview} previewing={previewCall.isPending} />
      <ErrorAlert error={previewCall.error} title={t('imports.preview.failed')} />
      {currentPreview && <ImportPreviewPanel preview={currentPreview} onStart={runStart} starting={start.isPending} onDiscard={() => setPreview(null)} />}
      <ErrorAlert error={start.error} title={t('imports.startFailed')} />
      <ImportHistory progressByJob={progressByJob} onOpen={setOpenImport} onRetried={addRun} />
      {demoOffered && <DemoDataCard />}
      <ImportDetailDrawer importId={openImport} onClose={() => setOpenImport(null)} onRetried={addRun} />
    </Stack>
  );
}
