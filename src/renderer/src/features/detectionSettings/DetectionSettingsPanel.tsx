import { Badge, Group, Loader, Paper, Radio, SimpleGrid, Stack, Switch, Table, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustmentsAlt, IconBuilding, IconClock, IconFilterOff, IconGauge, IconListDetails, IconShieldLock, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_VOLUMES, DOMAIN_CATEGORIES, DOMAIN_LISTS, INDICATOR_IDS, INDICATORS, type AlertVolume } from '../../../../shared/detection';
import { ACTIVITY_CATEGORIES } from '../../../../shared/signals';
import type { SettingView } from '../../../../shared/contract';
import { useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatCount } from '../../format';
import { BusinessHoursSection } from './BusinessHoursSection';
import { ListSettingEditor, useSaveSetting } from './ListSettingEditor';
import { PrivacySection } from './PrivacySection';
import { ThresholdsSection } from './ThresholdsSection';
import { indicatorEnabled } from './settingsValues';

const SECTIONS = [
  { id: 'indicators', icon: IconListDetails },
  { id: 'thresholds', icon: IconAdjustmentsAlt },
  { id: 'domains', icon: IconWorld },
  { id: 'organisation', icon: IconBuilding },
  { id: 'businessHours', icon: IconClock },
  { id: 'exclusions', icon: IconFilterOff },
  { id: 'alerts', icon: IconGauge },
  { id: 'privacy', icon: IconShieldLock },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

function IndicatorsSection({ settings }: { settings: SettingView[] }) {
  const { t } = useTranslation();
  const save = useSaveSetting();
  const on = INDICATOR_IDS.filter((id) => indicatorEnabled(settings, id)).length;
  return (
    <Paper p="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('detectionSettings.indicatorsHint', { on, total: INDICATOR_IDS.length })}
        </Text>
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="lg">
          {ACTIVITY_CATEGORIES.map((category) => {
            const ids = INDICATOR_IDS.filter((id) => INDICATORS[id].category === category);
            if (ids.length === 0) return null;
            return (
              <Stack key={category} gap={8}>
                <Title order={6} c="dimmed" tt="uppercase">
                  {t(`activityCategories.${category}`)}
                </Title>
                {ids.map((id) => (
                  <Switch
                    key={id}
                    label={t(`indicators.${id}`)}
                    checked={indicatorEnabled(settings, id)}
                    disabled={save.isPending && save.variables?.key === `indicators.${id}`}
                    onChange={(event) => save.mutate({ key: `indicators.${id}`, value: event.currentTarget.checked })}
                    data-testid={`indicator-switch-${id}`}
                  />
                ))}
              </Stack>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function OrganisationSection({ setting }: { setting: SettingView }) {
  const { t, i18n } = useTranslation();
  const domains = useApiQuery('settings.organisationDomains', {});
  return (
    <Stack gap="md">
      <ListSettingEditor setting={setting} label={t('detectionSettings.organisationDomains')} hint={t('detectionSettings.organisationDomainsHint')} placeholder={t('detectionSettings.organisationPlaceholder')} />
      <Paper p="md" data-testid="organisation-detected">
        <Stack gap="xs">
          <Group gap="xs">
            <Text fw={600}>{t('detectionSettings.detected')}</Text>
            {domains.data && (
              <Text size="sm" c="dimmed">
                {t('detectionSettings.effective', { domains: domains.data.effective.join(', ') || '—' })}
              </Text>
            )}
          </Group>
          {domains.isPending && <Loader size="xs" />}
          <ErrorAlert error={domains.error} />
          {domains.data && domains.data.detected.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('detectionSettings.noneDetected')}
            </Text>
          )}
          {domains.data && domains.data.detected.length > 0 && (
            <Table verticalSpacing={4} fz="sm" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('detectionSettings.domain')}</Table.Th>
                  <Table.Th ta="right">{t('detectionSettings.persons')}</Table.Th>
                  <Table.Th ta="right">{t('detectionSettings.share')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {domains.data.detected.map((row) => (
                  <Table.Tr key={row.domain}>
                    <Table.Td ff="monospace">{row.domain}</Table.Td>
                    <Table.Td ta="right">{formatCount(row.persons, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{`${Math.round(row.share * 100)} %`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function AlertVolumeSection({ setting }: { setting: SettingView }) {
  const { t } = useTranslation();
  const save = useSaveSetting();
  return (
    <Paper p="md" data-testid="setting-alerts-volume">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('detectionSettings.volumeHint')}
        </Text>
        <Radio.Group value={String(setting.value)} onChange={(value) => save.mutate({ key: setting.key, value: value as AlertVolume })}>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {ALERT_VOLUMES.map((volume) => (
              <Radio.Card key={volume} value={volume} p="md" radius="md" data-testid={`volume-${volume}`}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <Stack gap={2}>
                    <Text fw={600}>{t(`alertVolumes.${volume}`)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`detectionSettings.volumes.${volume}`)}
                    </Text>
                  </Stack>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
        <ErrorAlert error={save.error} />
      </Stack>
    </Paper>
  );
}

/**
 * Policies → Settings: indicators on/off, default thresholds, domain lists and categories,
 * organisation domains, business hours per region, exclusions, alert volume and anonymization.
 * Detection changes mark scoring for a re-score (the Policies tab shows it and offers "Score now").
 */
export function DetectionSettingsPanel() {
  const { t } = useTranslation();
  const list = useApiQuery('settings.list', {});
  const [section, setSection] = useState<SectionId>('indicators');
  const settings = list.data?.settings ?? [];
  const find = (key: string) => settings.find((setting) => setting.key === key);
  const changedIn = (id: SectionId) => settings.filter((setting) => setting.group === id && !setting.isDefault).length;

  const body = () => {
    switch (section) {
      case 'indicators':
        return <IndicatorsSection settings={settings} />;
      case 'thresholds':
        return <ThresholdsSection settings={settings} />;
      case 'domains':
        return (
          <Stack gap="sm">
            {[...DOMAIN_LISTS, ...DOMAIN_CATEGORIES].map((name) => {
              const setting = find(`domains.${name}`);
              return setting ? (
                <ListSettingEditor key={name} setting={setting} label={t(`detectionSettings.domainLists.${name}.label`)} hint={t(`detectionSettings.domainLists.${name}.hint`)} placeholder={t('detectionSettings.domainPlaceholder')} />
              ) : null;
            })}
          </Stack>
        );
      case 'organisation': {
        const setting = find('organisation.domains');
        return setting ? <OrganisationSection setting={setting} /> : null;
      }
      case 'businessHours': {
        const setting = find('detection.businessHours');
        return setting ? <BusinessHoursSection setting={setting} /> : null;
      }
      case 'exclusions':
        return (
          <Stack gap="sm">
            {(['fileTypes', 'paths', 'keywords'] as const).map((name) => {
              const setting = find(`exclusions.${name}`);
              return setting ? (
                <ListSettingEditor
                  key={name}
                  setting={setting}
                  label={t(`detectionSettings.exclusions.${name}.label`)}
                  hint={t(`detectionSettings.exclusions.${name}.hint`)}
                  placeholder={t(`detectionSettings.exclusions.${name}.placeholder`)}
                  splitOnSpace={name === 'fileTypes'}
                />
              ) : null;
            })}
          </Stack>
        );
      case 'alerts': {
        const setting = find('alerts.volume');
        return setting ? <AlertVolumeSection setting={setting} /> : null;
      }
      case 'privacy': {
        const setting = find('privacy.anonymization');
        return setting ? <PrivacySection setting={setting} /> : null;
      }
    }
  };

  return (
    <Stack gap="md" data-testid="detection-settings">
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loader size="sm" />
      ) : (
        <Tabs
          value={section}
          onChange={(value) => value && setSection(value as SectionId)}
          orientation="vertical"
          variant="pills"
          keepMounted={false}
          styles={{ tab: { justifyContent: 'flex-start' }, tabLabel: { flex: 1, textAlign: 'start' } }}
        >
          <Tabs.List miw={220} mr="lg">
            {SECTIONS.map((entry) => {
              const changed = changedIn(entry.id);
              return (
                <Tabs.Tab
                  key={entry.id}
                  value={entry.id}
                  leftSection={<entry.icon size={16} />}
                  rightSection={
                    changed > 0 ? (
                      <Badge size="xs" variant="light" circle>
                        {changed}
                      </Badge>
                    ) : null
                  }
                  data-testid={`settings-section-${entry.id}`}
                >
                  {t(`detectionSettings.sections.${entry.id}`)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
          <Tabs.Panel value={section} style={{ minWidth: 0 }}>
            <Stack gap="sm">
              <Title order={4}>{t(`detectionSettings.sections.${section}`)}</Title>
              {body()}
            </Stack>
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
