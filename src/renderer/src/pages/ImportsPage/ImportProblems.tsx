import { Badge, Code, ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../../../shared/contract/imports';
import { formatCount } from '../../format';

/** Problems of an import as a table: file, line, field and reason, so the bad row can be found and fixed. */
export function ImportProblems({ problems, total }: { problems: ImportDetail['problems']; total: number }) {
  const { t, i18n } = useTranslation();
  if (problems.length === 0) return null;
  const more = total > problems.length;
  return (
    <div>
      <ScrollArea.Autosize mah={320} type="auto">
        <Table withTableBorder verticalSpacing={6} fz="sm" data-testid="import-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.problems.file')}</Table.Th>
              <Table.Th w={80}>{t('imports.problems.line')}</Table.Th>
              <Table.Th>{t('imports.problems.field')}</Table.Th>
              <Table.Th>{t('imports.problems.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem, index) => (
              <Table.Tr key={index} data-testid="import-problem" data-severity={problem.severity}>
                <Table.Td>
                  <Code>{problem.file}</Code>
                </Table.Td>
                <Table.Td ff="monospace">{problem.line ?? '—'}</Table.Td>
                <Table.Td>{problem.field ? <Code>{problem.field}</Code> : '—'}</Table.Td>
                <Table.Td>
                  {problem.severity === 'warning' && (
                    <Badge size="xs" color="yellow" mr={6}>
                      {t('imports.problems.warning')}
                    </Badge>
                  )}
                  {problem.reason}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {more && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('imports.problems.more', { shown: formatCount(problems.length, i18n.language), total: formatCount(total, i18n.language), count: total })}
        </Text>
      )}
    </div>
  );
}
