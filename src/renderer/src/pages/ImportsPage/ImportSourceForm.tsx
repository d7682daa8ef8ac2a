import { ActionIcon, Alert, Button, Checkbox, Collapse, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconEye, IconFolderOpen, IconPlus, IconUpload, IconX } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FORMATS, type ImportFormat } from '../../../../shared/signals';
import { PathBrowserModal } from './PathBrowserModal';
import { pathOfDroppedFile } from '../../api';
import classes from './ImportsPage.module.css';

/** What the import form holds before preview. */
export interface ImportDraft {
  paths: string[];
  /** The path being typed (counts as chosen, so one path needs no "Add"). */
  typed: string;
  format: ImportFormat | null;
  onError: 'stop' | 'skip';
  reimport: boolean;
  utcOffsetMinutes: number;
}

/** A fresh form. */
export const EMPTY_IMPORT_DRAFT: ImportDraft = { paths: [], typed: '', format: null, onError: 'stop', reimport: false, utcOffsetMinutes: 0 };

/** The chosen paths: the added ones and the one being typed, without duplicates. */
export function chosenPaths(draft: ImportDraft): string[] {
  return [...new Set([...draft.paths, draft.typed.trim()].filter((path) => path.length > 0))];
}

type DragState = 'idle' | 'over' | 'unsupported';

/** Where the files come from (typed paths, the folder browser or a drop), the format override and what to do with bad rows. */
export function ImportSourceForm({
  draft,
  onChange,
  onPreview,
  previewing,
}: {
  draft: ImportDraft;
  onChange(draft: ImportDraft): void;
  onPreview(): void;
  previewing: boolean;
}) {
  const { t } = useTranslation();
  const [browsing, browser] = useDisclosure(false);
  const [advanced, advancedToggle] = useDisclosure(draft.reimport || draft.utcOffsetMinutes !== 0);
  const [dragState, setDragState] = useState<DragState>('idle');
  const [dropRefused, setDropRefused] = useState<string[]>([]);
  const set = (change: Partial<ImportDraft>) => onChange({ ...draft, ...change });
  const addPaths = (paths: string[], typed = draft.typed) =>
    onChange({ ...draft, typed, paths: [...new Set([...draft.paths, ...paths.map((path) => path.trim()).filter(Boolean)])] });
  const paths = chosenPaths(draft);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    const files = [...event.dataTransfer.files];
    const found = files.map(pathOfDroppedFile);
    const known = found.filter((path): path is string => path !== null);
    setDropRefused(files.filter((_, index) => found[index] === null).map((file) => file.name));
    setDragState(known.length < files.length ? 'unsupported' : 'idle');
    if (known.length > 0) addPaths(known);
  };

  return (
    <Paper p="lg" data-testid="import-form">
      <Stack gap="md">
        <Title order={4}>{t('imports.form.title')}</Title>
        <div
          className={classes.dropzone}
          data-drag-state={dragState}
          data-testid="import-dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
            setDragState('over');
          }}
          onDragLeave={() => setDragState((state) => (state === 'over' ? 'idle' : state))}
          onDrop={onDrop}
        >
          <ThemeIcon variant="light" size={44} radius="md" aria-hidden>
            <IconUpload size={24} stroke={1.6} />
          </ThemeIcon>
          <Stack gap={2} style={{ flex: 1 }}>
            <Text fw={600}>{t('imports.form.dropTitle')}</Text>
            <Text size="sm" c="dimmed">
              {t('imports.form.dropHint')}
            </Text>
          </Stack>
          <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={browser.open} data-testid="import-browse">
            {t('imports.form.browse')}
          </Button>
        </div>
        {dropRefused.length > 0 && (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle size={18} />}
            title={t('imports.form.dropNoPathTitle')}
            withCloseButton
            onClose={() => {
              setDropRefused([]);
              setDragState('idle');
            }}
            data-testid="import-drop-unsupported"
          >
            {t('imports.form.dropNoPath', { names: dropRefused.slice(0, 5).join(', '), count: dropRefused.length })}
          </Alert>
        )}
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('imports.form.path')}
            description={t('imports.form.pathHint')}
            placeholder={t('imports.form.pathPlaceholder')}
            value={draft.typed}
            onChange={(event) => set({ typed: event.currentTarget.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && draft.typed.trim()) {
                event.preventDefault();
                addPaths([draft.typed], '');
              }
            }}
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="import-path"
          />
          <Button variant="default" leftSection={<IconPlus size={16} />} disabled={!draft.typed.trim()} onClick={() => addPaths([draft.typed], '')} data-testid="import-add-path">
            {t('imports.form.addPath')}
          </Button>
        </Group>
        {draft.paths.length > 0 && (
          <Stack gap={4} data-testid="import-paths" aria-label={t('imports.form.chosen')}>
            {draft.paths.map((path) => (
              <div key={path} className={classes.pathRow} data-testid="import-chosen-path">
                <span className={classes.pathText} title={path}>
                  {path}
                </span>
                <Tooltip label={t('imports.form.removePath')}>
                  <ActionIcon size="sm" aria-label={t('imports.form.removePath')} onClick={() => set({ paths: draft.paths.filter((other) => other !== path) })}>
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              </div>
            ))}
          </Stack>
        )}
        <Group gap="lg" align="flex-start" wrap="wrap">
          <Select
            label={t('imports.form.format')}
            description={t('imports.form.formatHint')}
            data={[
              { value: 'detect', label: t('imports.form.detect') },
              ...IMPORT_FORMATS.map((format) => ({ value: format, label: t(`importFormats.${format}`) })),
            ]}
            value={draft.format ?? 'detect'}
            onChange={(value) => set({ format: value && value !== 'detect' ? (value as ImportFormat) : null })}
            w={280}
            data-testid="import-format"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="import-on-error-label">
              {t('imports.form.onError')}
            </Text>
            <SegmentedControl
              value={draft.onError}
              onChange={(value) => set({ onError: value as ImportDraft['onError'] })}
              data={[
                { value: 'stop', label: t('imports.form.onErrorStop') },
                { value: 'skip', label: t('imports.form.onErrorSkip') },
              ]}
              aria-labelledby="import-on-error-label"
              data-testid="import-on-error"
            />
            <Text size="xs" c="dimmed" maw={420}>
              {draft.onError === 'stop' ? t('imports.form.onErrorStopHint') : t('imports.form.onErrorSkipHint')}
            </Text>
          </Stack>
        </Group>
        <div>
          <Button variant="subtle" size="compact-sm" color="gray" leftSection={<IconAdjustmentsHorizontal size={14} />} onClick={advancedToggle.toggle} aria-expanded={advanced}>
            {t('imports.form.advanced')}
          </Button>
          <Collapse expanded={advanced}>
            <Group gap="lg" mt="sm" align="flex-start">
              <Checkbox
                label={t('imports.form.reimport')}
                description={t('imports.form.reimportHint')}
                checked={draft.reimport}
                onChange={(event) => set({ reimport: event.currentTarget.checked })}
                maw={360}
                data-testid="import-reimport"
              />
              <NumberInput
                label={t('imports.form.utcOffset')}
                description={t('imports.form.utcOffsetHint')}
                value={draft.utcOffsetMinutes}
                onChange={(value) => set({ utcOffsetMinutes: typeof value === 'number' ? value : 0 })}
                min={-840}
                max={840}
                step={30}
                allowDecimal={false}
                w={260}
                data-testid="import-utc-offset"
              />
            </Group>
          </Collapse>
        </div>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('imports.form.previewNote')}
          </Text>
          <Button leftSection={<IconEye size={16} />} onClick={onPreview} loading={previewing} disabled={paths.length === 0} data-testid="import-preview-button">
            {t('imports.form.preview')}
          </Button>
        </Group>
      </Stack>
      <PathBrowserModal opened={browsing} onClose={browser.close} onChoose={(chosen) => addPaths(chosen)} />
    </Paper>
  );
}
