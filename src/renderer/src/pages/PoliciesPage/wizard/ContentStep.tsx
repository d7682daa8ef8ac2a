import { Alert, Radio, Stack, TagsInput, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PolicyDraft } from '../policyDraft';
import type { StepProps } from './stepProps';

/** Steps 4 and 5: priority content (file extensions, keywords, sensitivity labels) and whether only activity touching it is scored. */
export function ContentStep({ draft, onChange, errors }: StepProps) {
  const { t } = useTranslation();
  const content = draft.priorityContent;
  const set = (change: Partial<PolicyDraft['priorityContent']>) => onChange({ ...draft, priorityContent: { ...content, ...change } });
  return (
    <Stack gap="md" maw={760}>
      <Radio.Group value={content.enabled ? 'yes' : 'no'} onChange={(value) => set({ enabled: value === 'yes' })} label={t('policies.content.question')}>
        <Stack gap="xs" mt="xs">
          <Radio value="yes" label={t('policies.content.yes')} data-testid="content-yes" />
          <Radio value="no" label={t('policies.content.no')} data-testid="content-no" />
        </Stack>
      </Radio.Group>
      {content.enabled && (
        <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}>
          {errors.content && (
            <Alert color="red" icon={<IconAlertCircle size={18} />}>
              {t(`policies.validation.${errors.content}`)}
            </Alert>
          )}
          <TagsInput
            label={t('policies.content.extensions')}
            description={t('policies.content.extensionsHint')}
            placeholder={t('policies.content.extensionsPlaceholder')}
            value={content.extensions}
            onChange={(extensions) => set({ extensions })}
            splitChars={[',', ' ', ';']}
            maxTags={50}
            acceptValueOnBlur
            error={errors.extensions ? t(`policies.validation.${errors.extensions}`) : undefined}
            data-testid="content-extensions"
          />
          <TagsInput
            label={t('policies.content.keywords')}
            description={t('policies.content.keywordsHint')}
            value={content.keywords}
            onChange={(keywords) => set({ keywords })}
            splitChars={[',', ';']}
            acceptValueOnBlur
            error={errors.keywords ? t(`policies.validation.${errors.keywords}`) : undefined}
            data-testid="content-keywords"
          />
          <TagsInput
            label={t('policies.content.labels')}
            description={t('policies.content.labelsHint')}
            value={content.labels}
            onChange={(labels) => set({ labels })}
            splitChars={[',', ';']}
            acceptValueOnBlur
            data-testid="content-labels"
          />
          <Radio.Group
            value={content.scoreOnlyPriorityContent ? 'only' : 'all'}
            onChange={(value) => set({ scoreOnlyPriorityContent: value === 'only' })}
            label={t('policies.content.scoring')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="all" label={t('policies.content.scoreAll')} />
              <Radio value="only" label={t('policies.content.scoreOnly')} data-testid="content-score-only" />
            </Stack>
          </Radio.Group>
        </Stack>
      )}
      {!content.enabled && (
        <Text size="sm" c="dimmed">
          {t('policies.content.laterHint')}
        </Text>
      )}
    </Stack>
  );
}
