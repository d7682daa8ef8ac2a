import { Badge, Code, DataList, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';

/** About this workstation: app.info (version, schema version, data folder, anonymization). */
export function AboutModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const info = useApiQuery('app.info', {}, { enabled: opened, staleTime: 0 });
  return (
    <Modal opened={opened} onClose={onClose} title={t('about.title')} size="lg" data-testid="about-modal">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('about.description')}
        </Text>
        {info.isPending && <Loader size="sm" />}
        <ErrorAlert error={info.error} />
        {info.data && (
          <DataList labelWidth={210} withDivider>
            <DataList.Item>
              <DataList.ItemLabel>{t('about.appVersion')}</DataList.ItemLabel>
              <DataList.ItemValue data-testid="about-app-version">{info.data.appVersion}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('about.schemaVersion')}</DataList.ItemLabel>
              <DataList.ItemValue data-testid="about-schema-version">{info.data.schemaVersion}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('about.dataFolder')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code data-testid="about-data-folder" style={{ wordBreak: 'break-all' }}>
                  {info.data.dataDir}
                </Code>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('about.anonymization')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap="xs" wrap="nowrap" data-testid="about-anonymization" data-anonymization={info.data.anonymization ? 'on' : 'off'}>
                  <Badge color={info.data.anonymization ? 'teal' : 'orange'}>{info.data.anonymization ? t('about.on') : t('about.off')}</Badge>
                  <Text size="sm" c="dimmed">
                    {info.data.anonymization ? t('about.anonymizationOn') : t('about.anonymizationOff')}
                  </Text>
                </Group>
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
        )}
      </Stack>
    </Modal>
  );
}
