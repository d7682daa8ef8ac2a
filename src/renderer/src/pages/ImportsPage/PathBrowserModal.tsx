import { Button, Checkbox, Group, Loader, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowUp, IconFile, IconFolder, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatBytes, formatDate } from '../../format';
import classes from './ImportsPage.module.css';

/** Entries shown at once; the filter narrows a large folder. */
const MAX_SHOWN = 400;

/**
 * Picks files and folders of this workstation through `imports.browse` (the backend lists the
 * folder; the browser harness has no native file picker). Opens in the home folder.
 */
export function PathBrowserModal({ opened, onClose, onChoose }: { opened: boolean; onClose(): void; onChoose(paths: string[]): void }) {
  const { t, i18n } = useTranslation();
  const [folder, setFolder] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const listing = useApiQuery('imports.browse', folder === undefined ? {} : { path: folder }, { enabled: opened, staleTime: 5_000 });
  useEffect(() => {
    setSelected([]);
    setFilter('');
  }, [folder]);

  const entries = (listing.data?.entries ?? []).filter((entry) => entry.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const hidden = Math.max(0, entries.length - MAX_SHOWN);
  const choose = (paths: string[]) => {
    onChoose(paths);
    setSelected([]);
    onClose();
  };
  const toggle = (path: string, on: boolean) => setSelected((previous) => (on ? [...previous, path] : previous.filter((other) => other !== path)));

  return (
    <Modal opened={opened} onClose={onClose} title={t('imports.browser.title')} size="xl" data-testid="path-browser">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconArrowUp size={14} />}
            disabled={!listing.data?.parent}
            onClick={() => listing.data?.parent && setFolder(listing.data.parent)}
            data-testid="path-browser-up"
          >
            {t('imports.browser.up')}
          </Button>
          <Text size="sm" ff="monospace" style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="path-browser-current">
            {listing.data?.path ?? folder ?? '…'}
          </Text>
        </Group>
        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder={t('imports.browser.filter')}
          aria-label={t('imports.browser.filter')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <ErrorAlert error={listing.error} />
        <ScrollArea h={380} type="auto" offsetScrollbars>
          {listing.isPending && opened && (
            <Group justify="center" p="lg">
              <Loader size="sm" />
            </Group>
          )}
          {listing.isSuccess && entries.length === 0 && (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {t('imports.browser.empty')}
            </Text>
          )}
          {entries.slice(0, MAX_SHOWN).map((entry) => (
            <div key={entry.path} className={classes.browserRow} data-testid="path-browser-entry" data-kind={entry.kind}>
              <Checkbox
                size="xs"
                aria-label={t('imports.browser.select', { name: entry.name })}
                checked={selected.includes(entry.path)}
                onChange={(event) => toggle(entry.path, event.currentTarget.checked)}
              />
              {entry.kind === 'folder' ? <IconFolder size={18} color="var(--mantine-color-yellow-filled)" aria-hidden /> : <IconFile size={18} aria-hidden />}
              {entry.kind === 'folder' ? (
                <UnstyledButton className={classes.browserName} onClick={() => setFolder(entry.path)} title={entry.path}>
                  <Text size="sm" fw={500} truncate>
                    {entry.name}
                  </Text>
                </UnstyledButton>
              ) : (
                <UnstyledButton className={classes.browserName} onClick={() => toggle(entry.path, !selected.includes(entry.path))} title={entry.path}>
                  <Text size="sm" truncate>
                    {entry.name}
                  </Text>
                </UnstyledButton>
              )}
              <Text size="xs" c="dimmed" w={80} ta="right">
                {entry.size !== null ? formatBytes(entry.size, i18n.language) : ''}
              </Text>
              <Text size="xs" c="dimmed" w={110} ta="right">
                {entry.modifiedAt !== null ? formatDate(entry.modifiedAt, i18n.language) : ''}
              </Text>
            </div>
          ))}
          {hidden > 0 && (
            <Text size="xs" c="dimmed" p="sm" ta="center">
              {t('imports.browser.more', { count: hidden })}
            </Text>
          )}
        </ScrollArea>
        <Group justify="space-between">
          <Button variant="default" disabled={!listing.data} onClick={() => listing.data && choose([listing.data.path])} data-testid="path-browser-this-folder">
            {t('imports.browser.thisFolder')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button disabled={selected.length === 0} onClick={() => choose(selected)} data-testid="path-browser-add">
              {t('imports.browser.add', { count: selected.length })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
