import { Accordion, Alert, Badge, Button, Code, Group, List, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import type { FilePreview } from '../../../../shared/contract/imports';
import { formatBytes, formatCount } from '../../format';
import classes from './ImportsPage.module.css';

/** What imports.preview answered. */
export type ImportPreview = MethodOutput<'imports.preview'>;

/** Rows of the sample shown per file. */
const SAMPLE_ROWS = 5;

/** A format badge: the detected format, or "unknown" in red. */
export function FormatBadge({ format }: { format: string | null }) {
  const { t } = useTranslation();
  if (!format) return <Badge color="red" tt="none">{t('imports.unknownFormat')}</Badge>;
  const known = ['hr', 'directory', 'm365', 'alerts', 'cert', 'content', 'mixed'] as const;
  const label = (known as readonly string[]).includes(format) ? t(`importFormats.${format as (typeof known)[number]}`) : format;
  return (
    <Badge color="indigo" variant="light" tt="none" data-format={format}>
      {label}
    </Badge>
  );
}

function FileDetail({ file }: { file: FilePreview }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {file.problem && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="preview-file-problem">
          {file.problem}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {file.columns.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('imports.preview.mapping')}
            </Text>
            <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="preview-mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.preview.sourceColumn')}</Table.Th>
                  <Table.Th w={24} />
                  <Table.Th>{t('imports.preview.field')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {file.columns.map((column, index) => (
                  <Table.Tr key={`${column.source}-${index}`} data-mapped={column.target ? 'true' : 'false'}>
                    <Table.Td>
                      <Code>{column.source}</Code>
                    </Table.Td>
                    <Table.Td>
                      <IconArrowRight size={14} color="var(--mantine-color-dimmed)" aria-hidden />
                    </Table.Td>
                    <Table.Td>
                      {column.target ?? (
                        <Text span size="sm" c="dimmed" fs="italic">
                          {t('imports.preview.notUsed')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {file.sample.rows.length > 0 && (
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {t('imports.preview.firstRows', { count: Math.min(SAMPLE_ROWS, file.sample.rows.length) })}
            </Text>
            <ScrollArea type="auto" offsetScrollbars>
              <Table withTableBorder withColumnBorders verticalSpacing={4} className={classes.sample} data-testid="preview-sample">
                <Table.Thead>
                  <Table.Tr>
                    {file.sample.header.map((cell, index) => (
                      <Table.Th key={index}>{cell}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {file.sample.rows.slice(0, SAMPLE_ROWS).map((row, rowIndex) => (
                    <Table.Tr key={rowIndex}>
                      {row.map((cell, index) => (
                        <Table.Td key={index} title={cell}>
                          {cell.length > 80 ? `${cell.slice(0, 80)}…` : cell}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Stack>
        )}
      </SimpleGrid>
      {file.columns.length === 0 && file.sample.rows.length === 0 && !file.problem && (
        <Text size="sm" c="dimmed">
          {t('imports.preview.noColumns')}
        </Text>
      )}
    </Stack>
  );
}

/** What an import would read, shown before anything is written: format per file, column mapping and first rows. */
export function ImportPreviewPanel({
  preview,
  onStart,
  starting,
  onDiscard,
}: {
  preview: ImportPreview;
  onStart(): void;
  starting: boolean;
  onDiscard(): void;
}) {
  const { t, i18n } = useTranslation();
  const blocked = preview.files.length === 0 || preview.files.some((file) => file.problem !== null);
  return (
    <Paper p="lg" data-testid="import-preview" data-blocked={blocked ? 'true' : 'false'}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={4}>{t('imports.preview.title')}</Title>
              <FormatBadge format={preview.format} />
            </Group>
            <Text size="sm" c="dimmed">
              {t('imports.preview.summary', {
                count: preview.files.length,
                files: formatCount(preview.files.length, i18n.language),
                size: formatBytes(preview.totalSize, i18n.language),
              })}
            </Text>
          </Stack>
          <Button variant="subtle" color="gray" onClick={onDiscard}>
            {t('imports.preview.discard')}
          </Button>
        </Group>
        {preview.problems.length > 0 && (
          <Alert color={blocked ? 'red' : 'yellow'} icon={<IconAlertCircle size={18} />} title={blocked ? t('imports.preview.blocked') : t('imports.preview.notes')} data-testid="preview-problems">
            <List size="sm" spacing={2}>
              {preview.problems.slice(0, 20).map((problem, index) => (
                <List.Item key={index}>{problem}</List.Item>
              ))}
            </List>
            {preview.problems.length > 20 && (
              <Text size="sm" mt={4}>
                {t('imports.preview.moreProblems', { count: preview.problems.length - 20 })}
              </Text>
            )}
          </Alert>
        )}
        <Accordion variant="separated" multiple defaultValue={preview.files.slice(0, 1).map((file) => file.path)} chevronPosition="left">
          {preview.files.map((file) => (
            <Accordion.Item key={file.path} value={file.path} data-testid="preview-file" data-format={file.format ?? 'unknown'}>
              <Accordion.Control>
                <Group gap="sm" wrap="nowrap" justify="space-between">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} ff="monospace" truncate title={file.path}>
                      {file.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {file.description}
                      {file.layout ? ` · ${file.layout}` : ''}
                      {file.encoding ? ` · ${file.encoding}` : ''}
                    </Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="xs" c="dimmed">
                      {formatBytes(file.size, i18n.language)}
                    </Text>
                    <FormatBadge format={file.format} />
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <FileDetail file={file} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {blocked ? t('imports.preview.fixFirst') : t('imports.preview.nothingWritten')}
          </Text>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={onStart} loading={starting} disabled={blocked} data-testid="import-start">
            {t('imports.preview.start')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
