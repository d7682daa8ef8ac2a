import { ActionIcon, Badge, Button, Group, Loader, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../../shared/contract';
import { useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';

/** How many search results the picker shows at once. */
const RESULT_LIMIT = 8;

/** What a person looks like in the picker: the name the backend returned (a pseudonym while anonymized) and who they are. */
export function personSubtitle(person: PersonView): string {
  return [person.title, person.businessUnit, person.region ?? person.country].filter(Boolean).join(' · ');
}

/**
 * Chooses persons by searching persons.list. Shows exactly what the backend returns (pseudonyms
 * while anonymization is on, only persons in this account's scopes); `exclude` hides persons that
 * are already members. Searching starts at the first character, debounced (every read is audited).
 */
export function PersonPicker({
  value,
  onChange,
  exclude = [],
  testId = 'person-picker',
  label,
}: {
  value: PersonView[];
  onChange(value: PersonView[]): void;
  exclude?: readonly number[];
  testId?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const results = useApiQuery('persons.list', { text: debounced, limit: RESULT_LIMIT, offset: 0 }, { enabled: debounced.length > 0 });
  const chosen = new Set(value.map((person) => person.id));
  const hidden = new Set(exclude);
  const shown = (results.data?.persons ?? []).filter((person) => !hidden.has(person.id));
  const add = (person: PersonView) => !chosen.has(person.id) && onChange([...value, person]);
  const searched = debounced.length !== 0 && results.isSuccess;
  const truncated = RESULT_LIMIT < (results.data?.total ?? 0);

  return (
    <Stack gap="xs" data-testid={testId}>
      <TextInput
        label={label ?? t('persons.picker.label')}
        description={t('persons.picker.hint')}
        placeholder={t('persons.picker.placeholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={results.isFetching ? <Loader size="xs" /> : null}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        data-testid={`${testId}-search`}
      />
      <ErrorAlert error={results.error} />
      {searched && (
        <Paper withBorder p={4} radius="md" data-testid={`${testId}-results`}>
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs" data-testid={`${testId}-no-results`}>
              {t('persons.picker.noResults', { text: debounced })}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={240}>
              <Stack gap={2}>
                {shown.map((person) => (
                  <Group key={person.id} justify="space-between" wrap="nowrap" px="xs" py={4} data-testid={`${testId}-result`} data-person-id={person.id}>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {person.displayName}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {personSubtitle(person)}
                      </Text>
                    </Stack>
                    <Button
                      size="compact-xs"
                      variant={chosen.has(person.id) ? 'light' : 'default'}
                      leftSection={<IconPlus size={12} />}
                      disabled={chosen.has(person.id)}
                      onClick={() => add(person)}
                      aria-label={t('persons.picker.choose', { name: person.displayName })}
                      data-testid={`${testId}-choose`}
                    >
                      {chosen.has(person.id) ? t('persons.picker.chosen') : t('persons.picker.add')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
          {truncated && (
            <Text size="xs" c="dimmed" px="xs" pb={4}>
              {t('persons.picker.more', { shown: RESULT_LIMIT, total: results.data?.total ?? 0 })}
            </Text>
          )}
        </Paper>
      )}
      {value.length > 0 && (
        <Group gap={6} data-testid={`${testId}-chosen`}>
          {value.map((person) => (
            <Badge
              key={person.id}
              variant="light"
              size="lg"
              tt="none"
              rightSection={
                <ActionIcon size="xs" variant="transparent" color="gray" aria-label={t('persons.picker.unchoose', { name: person.displayName })} onClick={() => onChange(value.filter((other) => other.id !== person.id))}>
                  <IconX size={12} />
                </ActionIcon>
              }
            >
              {person.displayName}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
