import { Alert, Checkbox, Divider, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ALERT_VOLUMES, BOOSTERS, IMPACT_LEVELS, type AlertVolume, type ImpactLevel, type PolicyState } from '../../../../../shared/detection';
import type { PolicyDraft } from '../policyDraft';
import type { StepProps } from './stepProps';

/** Step 8: triggers, timeframes, boosters, sequence and cumulative detection, alert volume, and test mode. */
export function OptionsStep({ draft, onChange, errors, template, editing }: StepProps) {
  const { t } = useTranslation();
  const triggers = template?.triggers ?? [];
  const setTriggers = (change: Partial<PolicyDraft['triggers']>) => onChange({ ...draft, triggers: { ...draft.triggers, ...change } });
  const levels = IMPACT_LEVELS.map((level) => ({ value: level, label: t(`impactLevels.${level}`) }));
  return (
    <Stack gap="md">
      <Title order={5}>{t('policies.options.triggers')}</Title>
      {errors.triggers && (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {t(`policies.validation.${errors.triggers}`)}
        </Alert>
      )}
      <Stack gap="sm">
        {triggers.includes('departure') && <Text size="sm">{t('policies.options.departureTrigger')}</Text>}
        {triggers.includes('hrStressor') && <Text size="sm">{t('policies.options.stressorTrigger')}</Text>}
        {triggers.includes('dlpAlert') && (
          <Group gap="md" align="center">
            <Switch checked={draft.triggers.dlp} onChange={(event) => setTriggers({ dlp: event.currentTarget.checked })} label={t('policies.options.dlpTrigger')} data-testid="trigger-dlp" />
            <Select
              size="xs"
              w={140}
              aria-label={t('policies.options.dlpSeverity')}
              data={levels}
              value={draft.triggers.dlpMinSeverity}
              onChange={(value) => value && setTriggers({ dlpMinSeverity: value as ImpactLevel })}
              disabled={!draft.triggers.dlp}
            />
            <Text size="xs" c="dimmed">
              {t('policies.options.dlpSeverityHint')}
            </Text>
          </Group>
        )}
        {triggers.includes('exfiltration') && (
          <Group gap="md" align="center">
            <Switch
              checked={draft.triggers.exfiltration}
              onChange={(event) => setTriggers({ exfiltration: event.currentTarget.checked })}
              label={t('policies.options.exfiltrationTrigger')}
              data-testid="trigger-exfiltration"
            />
            <Select
              size="xs"
              w={140}
              aria-label={t('policies.options.exfiltrationLevel')}
              data={levels}
              value={draft.triggers.exfiltrationLevel}
              onChange={(value) => value && setTriggers({ exfiltrationLevel: value as ImpactLevel })}
              disabled={!draft.triggers.exfiltration}
            />
            <Text size="xs" c="dimmed">
              {t('policies.options.exfiltrationLevelHint')}
            </Text>
          </Group>
        )}
        {triggers.includes('securityAlert') && (
          <Group gap="md" align="center">
            <Text size="sm">{t('policies.options.securityTrigger')}</Text>
            <Select
              size="xs"
              w={140}
              aria-label={t('policies.options.securitySeverity')}
              data={levels}
              value={draft.triggers.securityMinSeverity}
              onChange={(value) => value && setTriggers({ securityMinSeverity: value as ImpactLevel })}
            />
          </Group>
        )}
        {triggers.includes('securityActivity') && (
          <Switch
            checked={draft.triggers.securityActivity}
            onChange={(event) => setTriggers({ securityActivity: event.currentTarget.checked })}
            label={t('policies.options.securityActivityTrigger')}
            description={t('policies.options.securityActivityHint')}
            data-testid="trigger-security-activity"
          />
        )}
      </Stack>
      <Divider />
      <Title order={5}>{t('policies.options.timeframes')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
        <NumberInput
          label={t('policies.options.activation')}
          description={t('policies.options.activationHint')}
          min={1}
          max={30}
          allowDecimal={false}
          value={draft.activationDays}
          onChange={(value) => onChange({ ...draft, activationDays: typeof value === 'number' ? value : 0 })}
          error={errors.activationDays ? t(`policies.validation.${errors.activationDays}`) : undefined}
          suffix={` ${t('policies.options.days')}`}
          data-testid="policy-activation-days"
        />
        <NumberInput
          label={t('policies.options.past')}
          description={t('policies.options.pastHint')}
          min={0}
          max={90}
          allowDecimal={false}
          value={draft.pastDays}
          onChange={(value) => onChange({ ...draft, pastDays: typeof value === 'number' ? value : -1 })}
          error={errors.pastDays ? t(`policies.validation.${errors.pastDays}`) : undefined}
          suffix={` ${t('policies.options.days')}`}
          data-testid="policy-past-days"
        />
      </SimpleGrid>
      <Divider />
      <Title order={5}>{t('policies.options.boosters')}</Title>
      <Stack gap={6}>
        {BOOSTERS.map((booster) => (
          <Checkbox
            key={booster}
            label={t(`boosters.${booster}`)}
            checked={draft.boosters[booster]}
            onChange={(event) => onChange({ ...draft, boosters: { ...draft.boosters, [booster]: event.currentTarget.checked } })}
          />
        ))}
      </Stack>
      {template?.dataTemplate && (
        <>
          <Divider />
          <Title order={5}>{t('policies.options.detection')}</Title>
          <Switch
            label={t('policies.options.sequence')}
            description={t('policies.options.sequenceHint')}
            checked={draft.sequenceDetection}
            onChange={(event) => onChange({ ...draft, sequenceDetection: event.currentTarget.checked })}
          />
          <Switch
            label={t('policies.options.cumulative')}
            description={t('policies.options.cumulativeHint')}
            checked={draft.cumulativeExfiltration}
            onChange={(event) => onChange({ ...draft, cumulativeExfiltration: event.currentTarget.checked })}
          />
        </>
      )}
      <Divider />
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={760}>
        <Select
          label={t('policies.options.volume')}
          description={t('policies.options.volumeHint')}
          data={[{ value: 'global', label: t('policies.options.volumeGlobal') }, ...ALERT_VOLUMES.map((volume) => ({ value: volume, label: t(`alertVolumes.${volume}`) }))]}
          value={draft.alertVolume ?? 'global'}
          onChange={(value) => onChange({ ...draft, alertVolume: value && value !== 'global' ? (value as AlertVolume) : null })}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('policies.options.state')}
          </Text>
          <SegmentedControl
            value={draft.state}
            onChange={(value) => onChange({ ...draft, state: value as PolicyState })}
            data={(['active', 'test', ...(editing ? (['paused'] as const) : [])] as PolicyState[]).map((state) => ({ value: state, label: t(`policyStates.${state}`) }))}
            data-testid="policy-state"
          />
          <Text size="xs" c="dimmed">
            {t(`policies.options.stateHint.${draft.state}`)}
          </Text>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
