import { Alert, Badge, DataList, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { BOOSTERS } from '../../../../../shared/detection';
import { hasThresholds } from '../policyDraft';
import { ScopePreview } from './ScopeStep';
import type { StepProps } from './stepProps';

/** Step 9: everything chosen, how many people it reaches now, and what the template still lacks. */
export function ReviewStep({ draft, template }: StepProps) {
  const { t } = useTranslation();
  const { scope, priorityContent: content } = draft;
  const missing = template?.prerequisites.filter((prerequisite) => !prerequisite.met) ?? [];
  const yesNo = (value: boolean) => (value ? t('policies.review.on') : t('policies.review.off'));
  const scopeParts = [
    ...(scope.groupIds.length ? [t('policies.review.groups', { count: scope.groupIds.length })] : []),
    ...scope.attributes.filter((filter) => filter.values.length).map((filter) => `${t(`scopeAttributes.${filter.attribute}`)} = ${filter.values.join(', ')}`),
    ...(scope.pilotGroupId ? [t('policies.review.pilot')] : []),
    ...(scope.persons.length + scope.personKeys.length ? [t('policies.review.persons', { count: scope.persons.length + scope.personKeys.length })] : []),
  ];
  const exclusions = scope.exclude.groupIds.length + scope.exclude.attributes.length + scope.exclude.persons.length + scope.exclude.personKeys.length;
  const custom = draft.customThresholds ? draft.indicatorIds.filter((id) => hasThresholds(id) && (draft.thresholds[id] || draft.aboveUsual.includes(id))).length : 0;

  return (
    <Stack gap="md" data-testid="policy-review">
      {missing.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('policies.review.missingData')}>
          {missing.map((prerequisite) => t(`policies.prerequisites.${prerequisite.what}`)).join('; ')}
        </Alert>
      )}
      <ScopePreview draft={draft} />
      <DataList labelWidth={200} withDivider>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.wizard.steps.template')}</DataList.ItemLabel>
          <DataList.ItemValue>{draft.template ? t(`templates.${draft.template}.name`) : '—'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.wizard.name')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="review-name">{draft.name}</DataList.ItemValue>
        </DataList.Item>
        {draft.description && (
          <DataList.Item>
            <DataList.ItemLabel>{t('policies.wizard.description')}</DataList.ItemLabel>
            <DataList.ItemValue>{draft.description}</DataList.ItemValue>
          </DataList.Item>
        )}
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.wizard.steps.scope')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {scope.everyone ? t('policies.scope.everyone') : scopeParts.join('; ')}
            {exclusions > 0 ? ` · ${t('policies.review.exclusions', { count: exclusions })}` : ''}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.wizard.steps.content')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {content.enabled
              ? [...content.extensions.map((extension) => `.${extension.replace(/^\*?\./, '')}`), ...content.keywords, ...content.labels].join(', ') +
                (content.scoreOnlyPriorityContent ? ` · ${t('policies.review.onlyContent')}` : '')
              : t('policies.review.noContent')}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.wizard.steps.indicators')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <Group gap={4}>
              {draft.indicatorIds.map((id) => (
                <Badge key={id} size="sm" variant="light" color="gray" tt="none">
                  {t(`indicators.${id}`)}
                </Badge>
              ))}
            </Group>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.wizard.steps.thresholds')}</DataList.ItemLabel>
          <DataList.ItemValue>{custom > 0 ? t('policies.review.customThresholds', { count: custom }) : t('policies.thresholds.useDefault')}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.options.timeframes')}</DataList.ItemLabel>
          <DataList.ItemValue>{t('policies.review.timeframes', { activation: draft.activationDays, past: draft.pastDays })}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.options.boosters')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <Stack gap={0}>
              {BOOSTERS.filter((booster) => draft.boosters[booster]).map((booster) => (
                <Text key={booster} size="sm">
                  {t(`boosters.${booster}`)}
                </Text>
              ))}
            </Stack>
          </DataList.ItemValue>
        </DataList.Item>
        {template?.dataTemplate && (
          <DataList.Item>
            <DataList.ItemLabel>{t('policies.options.detection')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {t('policies.review.detection', { sequence: yesNo(draft.sequenceDetection), cumulative: yesNo(draft.cumulativeExfiltration) })}
            </DataList.ItemValue>
          </DataList.Item>
        )}
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.options.volume')}</DataList.ItemLabel>
          <DataList.ItemValue>{draft.alertVolume ? t(`alertVolumes.${draft.alertVolume}`) : t('policies.options.volumeGlobal')}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('policies.options.state')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="review-state">{t(`policyStates.${draft.state}`)}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Text size="sm" c="dimmed">
        {t('policies.review.afterSave')}
      </Text>
    </Stack>
  );
}
