import { ActionIcon, Button, Group, Input, Select, Stack, TagsInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SCOPE_ATTRIBUTES, type ScopeAttribute } from '../../../../shared/contract/accounts';

/** A scope row being edited (values may still be empty). */
export interface ScopeDraft {
  attribute: ScopeAttribute;
  values: string[];
}

/** Drops rows without values and merges rows of the same attribute, ready for the API. */
export function scopesForApi(drafts: readonly ScopeDraft[]): { attribute: ScopeAttribute; values: string[] }[] {
  const merged = new Map<ScopeAttribute, Set<string>>();
  for (const draft of drafts) {
    const values = draft.values.map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) continue;
    const set = merged.get(draft.attribute) ?? new Set<string>();
    for (const value of values) set.add(value);
    merged.set(draft.attribute, set);
  }
  return Array.from(merged, ([attribute, values]) => ({ attribute, values: Array.from(values) }));
}

/** Edits an account's scopes: person attribute plus allowed values; no rows means unrestricted. */
export function ScopesEditor({ value, onChange }: { value: ScopeDraft[]; onChange(value: ScopeDraft[]): void }) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<ScopeDraft>) =>
    onChange(value.map((draft, position) => (position === index ? { ...draft, ...change } : draft)));
  const unused = SCOPE_ATTRIBUTES.find((attribute) => !value.some((draft) => draft.attribute === attribute));
  return (
    <Stack gap="xs" data-testid="scopes-editor">
      <div>
        <Input.Label>{t('accounts.scopes')}</Input.Label>
        <Input.Description>{t('accounts.scopesHint')}</Input.Description>
      </div>
      {value.map((draft, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <Select
            w={170}
            aria-label={t('accounts.scopeAttribute')}
            value={draft.attribute}
            onChange={(attribute) => attribute && update(index, { attribute: attribute as ScopeAttribute })}
            data={SCOPE_ATTRIBUTES.map((attribute) => ({ value: attribute, label: t(`scopeAttributes.${attribute}`) }))}
            data-testid={`scope-attribute-${index}`}
          />
          <TagsInput
            style={{ flex: 1 }}
            aria-label={t('accounts.scopeValues')}
            placeholder={t('accounts.scopeValuesPlaceholder')}
            value={draft.values}
            onChange={(values) => update(index, { values })}
            data-testid={`scope-values-${index}`}
          />
          <ActionIcon
            size="lg"
            color="red"
            onClick={() => onChange(value.filter((_, position) => position !== index))}
            aria-label={t('accounts.removeScope')}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...value, { attribute: unused ?? 'region', values: [] }])}
          data-testid="add-scope"
        >
          {t('accounts.addScope')}
        </Button>
      </Group>
    </Stack>
  );
}
