import { ActionIcon, Alert, Badge, Button, Divider, Group, Loader, MultiSelect, Paper, Radio, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconPlus, IconTrash, IconUsers, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { POLICY_SCOPE_ATTRIBUTES, type PolicyScopeAttribute } from '../../../../../shared/contract';
import { useApiQuery } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert';
import { formatCount } from '../../../format';
import { scopePreviewInput, type AttributeFilterDraft, type NamedPerson, type PolicyDraft } from '../policyDraft';
import type { StepProps } from './stepProps';

/** Attribute filters (region = EMEA, department = Sales …), each a row with its values. */
function AttributeFilters({ value, onChange, testId }: { value: AttributeFilterDraft[]; onChange(value: AttributeFilterDraft[]): void; testId: string }) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<AttributeFilterDraft>) => onChange(value.map((filter, at) => (at === index ? { ...filter, ...change } : filter)));
  return (
    <Stack gap="xs" data-testid={testId}>
      {value.map((filter, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={index === 0 ? t('policies.scope.attribute') : undefined}
            aria-label={t('policies.scope.attribute')}
            data={POLICY_SCOPE_ATTRIBUTES.map((attribute) => ({ value: attribute, label: t(`scopeAttributes.${attribute}`) }))}
            value={filter.attribute}
            onChange={(attribute) => attribute && set(index, { attribute: attribute as PolicyScopeAttribute })}
            w={170}
          />
          <TagsInput
            label={index === 0 ? t('policies.scope.values') : undefined}
            aria-label={t('policies.scope.values')}
            placeholder={t('policies.scope.valuesPlaceholder')}
            value={filter.values}
            onChange={(values) => set(index, { values })}
            splitChars={[',', ';']}
            acceptValueOnBlur
            style={{ flex: 1 }}
          />
          <ActionIcon size="lg" aria-label={t('policies.scope.removeFilter')} onClick={() => onChange(value.filter((_, at) => at !== index))}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <div>
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { attribute: 'department', values: [] }])}>
          {t('policies.scope.addFilter')}
        </Button>
      </div>
    </Stack>
  );
}

/** Persons the policy already names (from the backend, pseudonymized as it returned them), removable. */
function NamedPersons({ value, onChange }: { value: NamedPerson[]; onChange(value: NamedPerson[]): void }) {
  const { t } = useTranslation();
  if (value.length === 0) return null;
  return (
    <Group gap={6}>
      {value.map((person) => (
        <Badge
          key={person.id}
          variant="light"
          color="gray"
          rightSection={
            <ActionIcon size="xs" variant="transparent" aria-label={t('policies.scope.removePerson', { name: person.displayName })} onClick={() => onChange(value.filter((other) => other.id !== person.id))}>
              <IconX size={10} />
            </ActionIcon>
          }
        >
          {person.displayName}
        </Badge>
      ))}
    </Group>
  );
}

/** How many people the scope takes in now, and how many of them have a trigger (policies.previewScope). */
export function ScopePreview({ draft }: { draft: PolicyDraft }) {
  const { t, i18n } = useTranslation();
  const [debounced] = useDebouncedValue(draft, 400);
  const input = scopePreviewInput(debounced);
  const preview = useApiQuery('policies.previewScope', input!, { enabled: input !== null, staleTime: 10_000 });
  if (!input) return null;
  let body = <ErrorAlert error={preview.error} />;
  if (preview.isPending) body = <Loader size="xs" />;
  else if (preview.data) {
    body = (
      <Stack gap={2}>
        <Text size="sm" fw={600} data-testid="scope-preview-counts">
          {t('policies.scope.preview', {
            count: preview.data.inScope,
            inScope: formatCount(preview.data.inScope, i18n.language),
            triggered: formatCount(preview.data.triggered, i18n.language),
          })}
        </Text>
        {preview.data.unknownPersonKeys.length > 0 && (
          <Text size="sm" c="orange" data-testid="scope-unknown-keys">
            {t('policies.scope.unknownKeys', { keys: preview.data.unknownPersonKeys.slice(0, 10).join(', '), count: preview.data.unknownPersonKeys.length })}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Paper p="sm" radius="md" bg="var(--mantine-color-default-hover)" data-testid="scope-preview">
      <Group gap="sm" wrap="nowrap">
        <IconUsers size={20} aria-hidden />
        {body}
      </Group>
    </Paper>
  );
}

/** Step 3: people in scope (everyone, or groups / attribute filters / a pilot group / listed persons), exclusions, and priority groups. */
export function ScopeStep({ draft, onChange, errors, template }: StepProps) {
  const { t } = useTranslation();
  const groups = useApiQuery('groups.list', {});
  const { scope } = draft;
  const setScope = (change: Partial<PolicyDraft['scope']>) => onChange({ ...draft, scope: { ...scope, ...change } });
  const setExclude = (change: Partial<PolicyDraft['scope']['exclude']>) => setScope({ exclude: { ...scope.exclude, ...change } });
  const allGroups = groups.data ?? [];
  const groupOptions = allGroups.map((group) => ({
    value: String(group.id),
    label: `${group.name} (${t(group.kind === 'priority' ? 'policies.scope.priorityGroup' : 'policies.scope.pilotGroup')}, ${group.members})`,
  }));
  const pilotOptions = allGroups.filter((group) => group.kind === 'pilot').map((group) => ({ value: String(group.id), label: group.name }));
  const priorityOptions = allGroups.filter((group) => group.kind === 'priority').map((group) => ({ value: String(group.id), label: group.name }));
  const ids = (values: string[]) => values.map(Number);

  return (
    <Stack gap="md">
      <ScopePreview draft={draft} />
      <ErrorAlert error={groups.error} />
      <Radio.Group value={scope.everyone ? 'everyone' : 'specific'} onChange={(value) => setScope({ everyone: value === 'everyone' })} label={t('policies.scope.who')}>
        <Stack gap="xs" mt="xs">
          <Radio value="everyone" label={t('policies.scope.everyone')} description={t('policies.scope.everyoneHint')} data-testid="scope-everyone" />
          <Radio value="specific" label={t('policies.scope.specific')} description={t('policies.scope.specificHint')} data-testid="scope-specific" />
        </Stack>
      </Radio.Group>
      {errors.scope && (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {t(`policies.validation.${errors.scope}`)}
        </Alert>
      )}
      {!scope.everyone && (
        <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}>
          <MultiSelect
            label={t('policies.scope.groups')}
            placeholder={allGroups.length === 0 ? t('policies.scope.noGroups') : undefined}
            data={groupOptions}
            value={scope.groupIds.map(String)}
            onChange={(values) => setScope({ groupIds: ids(values) })}
            searchable
            clearable
          />
          <Select
            label={t('policies.scope.pilot')}
            description={t('policies.scope.pilotHint')}
            placeholder={pilotOptions.length === 0 ? t('policies.scope.noPilotGroups') : t('policies.scope.none')}
            data={pilotOptions}
            value={scope.pilotGroupId === null ? null : String(scope.pilotGroupId)}
            onChange={(value) => setScope({ pilotGroupId: value ? Number(value) : null })}
            clearable
            allowDeselect
            data-testid="scope-pilot-group"
          />
          <Text size="sm" fw={500}>
            {t('policies.scope.filters')}
          </Text>
          <AttributeFilters value={scope.attributes} onChange={(attributes) => setScope({ attributes })} testId="scope-filters" />
          <TagsInput
            label={t('policies.scope.persons')}
            description={t('policies.scope.personsHint')}
            placeholder={t('policies.scope.personsPlaceholder')}
            value={scope.personKeys}
            onChange={(personKeys) => setScope({ personKeys })}
            splitChars={[',', ';', ' ']}
            acceptValueOnBlur
            data-testid="scope-person-keys"
          />
          <NamedPersons value={scope.persons} onChange={(persons) => setScope({ persons })} />
        </Stack>
      )}
      {template?.population === 'priority' && (
        <MultiSelect
          label={t('policies.scope.priorityGroups')}
          description={t('policies.scope.priorityGroupsHint')}
          placeholder={priorityOptions.length === 0 ? t('policies.scope.noPriorityGroups') : t('policies.scope.allPriorityGroups')}
          data={priorityOptions}
          value={scope.priorityGroupIds.map(String)}
          onChange={(values) => setScope({ priorityGroupIds: ids(values) })}
          clearable
        />
      )}
      <Divider />
      <Title order={5}>{t('policies.scope.exclusions')}</Title>
      <MultiSelect
        label={t('policies.scope.excludeGroups')}
        placeholder={allGroups.length === 0 ? t('policies.scope.noGroups') : undefined}
        data={groupOptions}
        value={scope.exclude.groupIds.map(String)}
        onChange={(values) => setExclude({ groupIds: ids(values) })}
        clearable
      />
      <Text size="sm" fw={500}>
        {t('policies.scope.excludeFilters')}
      </Text>
      <AttributeFilters value={scope.exclude.attributes} onChange={(attributes) => setExclude({ attributes })} testId="scope-exclude-filters" />
      <TagsInput
        label={t('policies.scope.excludePersons')}
        placeholder={t('policies.scope.personsPlaceholder')}
        value={scope.exclude.personKeys}
        onChange={(personKeys) => setExclude({ personKeys })}
        splitChars={[',', ';', ' ']}
        acceptValueOnBlur
      />
      <NamedPersons value={scope.exclude.persons} onChange={(persons) => setExclude({ persons })} />
    </Stack>
  );
}
