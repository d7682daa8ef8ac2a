import { Badge, Button, Code, DataList, Drawer, Group, Loader, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconChartBar, IconCheck, IconHistory, IconListSearch, IconMathFunction, IconUserCheck, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorId } from '../../../../../shared/detection';
import type { AlertDetail, AlertSummary } from '../../../../../shared/contract';
import { useApiQuery } from '../../../api';
import { AlertStatusBadge, SeverityBadge } from '../../../components/DetectionBadges/DetectionBadges';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert';
import { useTriggerSentence } from '../../../features/triggers/triggerSentence';
import { formatDateTime, formatUtcDay } from '../../../format';
import { RiskFactorIcons, ScoreBar } from '../AlertQueue';
import { AssignMenu } from '../TriageModals';
import { ActivityChart } from './ActivityChart';
import { ActivityExplorer, DEFAULT_EXPLORER_FILTER, type ExplorerFilter } from './ActivityExplorer';
import { ScoreExplanation } from './ScoreExplanation';

type DetailTab = 'explanation' | 'activities' | 'chart' | 'history';

function Facts({ alert }: { alert: AlertDetail }) {
  const { t, i18n } = useTranslation();
  const triggerSentence = useTriggerSentence()(alert.triggeringEvent);
  const person = alert.person;
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
      <Paper p="md" data-testid="alert-person">
        <Stack gap={4}>
          <Text size="xs" tt="uppercase" fw={600} c="dimmed">
            {t('alerts.detail.person')}
          </Text>
          <Group gap="xs">
            <Text fw={650} data-testid="alert-person-name">
              {person.displayName}
            </Text>
            {person.pseudonymized && (
              <Tooltip label={t('alerts.detail.pseudonymHint')} multiline maw={280}>
                <Badge size="xs" variant="outline" color="gray">
                  {t('alerts.detail.pseudonym')}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {[person.title, person.department, person.businessUnit, person.region ?? person.country].filter(Boolean).join(' · ') || '—'}
          </Text>
          {person.manager && (
            <Text size="sm" c="dimmed">
              {t('alerts.detail.manager', { name: person.manager })}
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper p="md" data-testid="alert-trigger">
        <Stack gap={4}>
          <Text size="xs" tt="uppercase" fw={600} c="dimmed">
            {t('alerts.detail.trigger')}
          </Text>
          <Text size="sm" fw={600}>
            {t(`triggerKinds.${alert.triggeringEvent.kind}`)}
          </Text>
          {triggerSentence !== t(`triggerKinds.${alert.triggeringEvent.kind}`) && (
            <Text size="sm" data-testid="alert-trigger-sentence">
              {triggerSentence}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(alert.triggeringEvent.time, i18n.language)}
          </Text>
          {alert.triggeringEvent.source && (
            <Tooltip label={t('alerts.detail.sha256', { sha256: alert.triggeringEvent.source.sha256 })} multiline maw={420}>
              <Code data-testid="alert-trigger-source">{`${alert.triggeringEvent.source.fileName}:${alert.triggeringEvent.source.line}`}</Code>
            </Tooltip>
          )}
        </Stack>
      </Paper>
      <Paper p="md" data-testid="alert-policy">
        <Stack gap={4}>
          <Text size="xs" tt="uppercase" fw={600} c="dimmed">
            {t('alerts.detail.policy')}
          </Text>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {alert.policy.name}
            </Text>
            {alert.test && (
              <Badge size="xs" color="violet">
                {t('alerts.detail.test')}
              </Badge>
            )}
            {alert.policy.deleted && (
              <Badge size="xs" color="gray">
                {t('alerts.detail.deleted')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t(`templates.${alert.policy.template}.name`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('alerts.detail.window', { from: formatUtcDay(alert.firstActivityDay, i18n.language), to: formatUtcDay(alert.lastActivityDay, i18n.language) })}
          </Text>
          <RiskFactorIcons factors={alert.riskFactors} />
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}

function History({ alert, onOpen }: { alert: AlertDetail; onOpen(id: number): void }) {
  const { t, i18n } = useTranslation();
  if (alert.userAlertHistory.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="alert-history-empty">
        {t('alerts.detail.noHistory')}
      </Text>
    );
  }
  return (
    <Table withTableBorder highlightOnHover data-testid="alert-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('alerts.columns.id')}</Table.Th>
          <Table.Th>{t('alerts.columns.policy')}</Table.Th>
          <Table.Th>{t('alerts.columns.severity')}</Table.Th>
          <Table.Th>{t('alerts.columns.status')}</Table.Th>
          <Table.Th>{t('alerts.columns.detected')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {alert.userAlertHistory.map((entry) => (
          <Table.Tr key={entry.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(entry.id)}>
            <Table.Td ff="monospace">{entry.id}</Table.Td>
            <Table.Td>{entry.policyName}</Table.Td>
            <Table.Td>
              <SeverityBadge severity={entry.severity} size="sm" />
            </Table.Td>
            <Table.Td>
              <AlertStatusBadge status={entry.status} size="sm" />
            </Table.Td>
            <Table.Td>{formatDateTime(entry.detectedAt, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Alert detail: the person (as the backend shows them, pseudonymized while anonymization is on),
 * policy, triggering event with its source line, risk factors, the score explained insight by
 * insight, the activity explorer, the user-activity chart and the person's other alerts; confirm,
 * dismiss and assign from here.
 */
export function AlertDetailDrawer({
  alertId,
  onClose,
  onOpen,
  onConfirm,
  onDismiss,
}: {
  alertId: number | null;
  onClose(): void;
  onOpen(id: number): void;
  onConfirm(alert: AlertSummary): void;
  onDismiss(alert: AlertSummary): void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useApiQuery('alerts.get', { id: alertId ?? 0 }, { enabled: alertId !== null });
  const [tab, setTab] = useState<DetailTab>('explanation');
  const [explorer, setExplorer] = useState<ExplorerFilter>(DEFAULT_EXPLORER_FILTER);
  useEffect(() => {
    setExplorer(DEFAULT_EXPLORER_FILTER);
    // Moving through the queue keeps the tab; closing the detail starts the next one at the explanation.
    if (alertId === null) setTab('explanation');
  }, [alertId]);
  const alert = detail.data;
  const indicators = [...new Set((alert?.explanation.insights ?? []).map((insight) => insight.indicator).filter((id): id is IndicatorId => id !== null))];
  const open = alert?.status === 'NeedsReview';

  return (
    <Drawer
      opened={alertId !== null}
      onClose={onClose}
      position="right"
      size="min(1120px, 100vw)"
      title={alertId !== null ? t('alerts.detail.title', { id: alertId }) : ''}
      data-testid="alert-detail"
      lockScroll={false}
    >
      {detail.isPending && <Loader size="sm" />}
      <ErrorAlert error={detail.error} />
      {alert && (
        <Stack gap="md" data-alert-id={alert.id} data-status={alert.status}>
          <Group justify="space-between" align="center" wrap="wrap">
            <Group gap="sm">
              <SeverityBadge severity={alert.severity} size="lg" />
              <AlertStatusBadge status={alert.status} size="lg" />
              <Group gap={6} w={160}>
                <Text size="sm" c="dimmed">
                  {t('alerts.detail.score')}
                </Text>
                <div style={{ flex: 1 }}>
                  <ScoreBar score={alert.score} severity={alert.severity} />
                </div>
              </Group>
              <Text size="sm" c="dimmed">
                {t('alerts.detail.detected', { time: formatDateTime(alert.detectedAt, i18n.language) })}
              </Text>
            </Group>
            <Group gap="xs">
              <Button leftSection={<IconCheck size={16} />} disabled={!open} onClick={() => onConfirm(alert)} data-testid="alert-confirm">
                {t('alerts.actions.confirm')}
              </Button>
              <Button variant="default" color="red" leftSection={<IconX size={16} />} disabled={!open} onClick={() => onDismiss(alert)} data-testid="alert-dismiss">
                {t('alerts.actions.dismiss')}
              </Button>
              <AssignMenu
                ids={[alert.id]}
                target={
                  <Button variant="default" leftSection={<IconUserCheck size={16} />} data-testid="alert-assign">
                    {alert.assignee ? t('alerts.detail.assignedTo', { name: alert.assignee.name }) : t('alerts.actions.assign')}
                  </Button>
                }
              />
            </Group>
          </Group>
          {alert.status === 'Dismissed' && alert.dismissReason && (
            <Text size="sm" c="dimmed" data-testid="alert-dismiss-reason">
              {t('alerts.detail.dismissedBecause', { reason: t(`dismissReasons.${alert.dismissReason}`) })}
              {alert.dismissNote ? ` — ${alert.dismissNote}` : ''}
            </Text>
          )}
          {alert.caseId !== null && (
            <Text size="sm" data-testid="alert-case">
              {t('alerts.detail.inCase', { id: alert.caseId })}
            </Text>
          )}
          {alert.onlyPriorityContentScored && (
            <Badge color="blue" variant="light" size="lg" tt="none">
              {t('alerts.detail.onlyPriorityContent')}
            </Badge>
          )}
          <Facts alert={alert} />
          <Tabs value={tab} onChange={(value) => value && setTab(value as DetailTab)} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="explanation" leftSection={<IconMathFunction size={16} />} data-testid="alert-tab-explanation">
                {t('alerts.detail.tabs.explanation')}
              </Tabs.Tab>
              <Tabs.Tab value="activities" leftSection={<IconListSearch size={16} />} data-testid="alert-tab-activities">
                {t('alerts.detail.tabs.activities')}
              </Tabs.Tab>
              <Tabs.Tab value="chart" leftSection={<IconChartBar size={16} />} data-testid="alert-tab-chart">
                {t('alerts.detail.tabs.chart')}
              </Tabs.Tab>
              <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="alert-tab-history">
                {t('alerts.detail.tabs.history', { count: alert.userAlertHistory.length })}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="explanation" pt="md">
              <ScoreExplanation
                explanation={alert.explanation}
                onShowEvents={(insight) => {
                  setExplorer({ ...DEFAULT_EXPLORER_FILTER, indicator: insight.indicator, day: insight.day, riskFactor: insight.kind === 'sequence' ? 'sequence' : insight.kind === 'cumulativeExfiltration' ? 'cumulativeExfiltration' : null });
                  setTab('activities');
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="activities" pt="md">
              <ActivityExplorer alertId={alert.id} filter={explorer} onChange={setExplorer} indicators={indicators} />
            </Tabs.Panel>
            <Tabs.Panel value="chart" pt="md">
              <ActivityChart alertId={alert.id} alertThreshold={alert.explanation.alertThreshold} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <Stack gap="xs">
                <Title order={5}>{t('alerts.detail.historyTitle')}</Title>
                <History alert={alert} onOpen={onOpen} />
              </Stack>
            </Tabs.Panel>
          </Tabs>
          <DataList labelWidth={160} withDivider>
            <DataList.Item>
              <DataList.ItemLabel>{t('alerts.detail.updated')}</DataList.ItemLabel>
              <DataList.ItemValue>{formatDateTime(alert.updatedAt, i18n.language)}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Stack>
      )}
    </Drawer>
  );
}
