import { Anchor, Badge, Drawer, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api';
import { AlertStatusBadge, PolicyStateBadge, RiskLevelBadge, SeverityBadge } from '../../components/DetectionBadges/DetectionBadges';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { useTriggerSentence, type TriggerText } from '../../features/triggers/triggerSentence';
import { formatDateTime, formatUtcDay } from '../../format';
import { DistanceBar } from './DistanceBar';

/** One person on the Users page: every policy they are in scope of, why, and why there is (or is not) an alert. */
export function UserDrawer({ personId, onClose }: { personId: number | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const triggerSentence = useTriggerSentence();
  // The kind is shown in bold before the sentence: a sentence that only repeats it is left out.
  const sentenceAfterKind = (trigger: TriggerText) => {
    const sentence = triggerSentence(trigger);
    return sentence === t(`triggerKinds.${trigger.kind}`) ? '' : `: ${sentence}`;
  };
  const user = useApiQuery('users.get', { id: personId ?? 0 }, { enabled: personId !== null });
  const data = user.data;
  return (
    <Drawer opened={personId !== null} onClose={onClose} position="right" size="xl" title={data?.person.displayName ?? ''} data-testid="user-detail">
      {user.isPending && <Loader size="sm" />}
      <ErrorAlert error={user.error} />
      {data && (
        <Stack gap="md">
          <Group gap="sm">
            <RiskLevelBadge level={data.riskLevel} size="lg" />
            <Text size="sm" c="dimmed">
              {[data.person.title, data.person.department, data.person.businessUnit, data.person.region].filter(Boolean).join(' · ')}
            </Text>
          </Group>
          <Text size="sm">
            {t('users.detailCounts', { active: data.activeAlerts, confirmed: data.confirmedViolations })}
            {data.activeCaseId !== null ? ` · ${t('users.inCase', { id: data.activeCaseId })}` : ''}
          </Text>
          <Title order={5}>{t('users.policiesTitle', { count: data.policies.length })}</Title>
          {data.policies.map((entry) => (
            <Paper key={entry.policy.id} p="md" data-testid="user-policy" data-policy-id={entry.policy.id}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs">
                    <Text fw={600}>{entry.policy.name}</Text>
                    <PolicyStateBadge state={entry.policy.state} size="sm" />
                    {entry.manual && (
                      <Badge size="sm" variant="outline">
                        {t('users.manual')}
                      </Badge>
                    )}
                  </Group>
                  {entry.alert ? (
                    <Group gap={6}>
                      <SeverityBadge severity={entry.alert.severity} size="sm" />
                      <AlertStatusBadge status={entry.alert.status} size="sm" />
                      <Anchor component={Link} to={`/alerts?alert=${entry.alert.id}`} size="sm" data-testid="user-alert-link">
                        {t('users.openAlert', { id: entry.alert.id })}
                      </Anchor>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('users.noAlert')}
                    </Text>
                  )}
                </Group>
                <Text size="sm">
                  <Text span fw={600} size="sm">
                    {t(`triggerKinds.${entry.trigger.kind}`)}
                  </Text>
                  <span data-testid="user-drawer-trigger-sentence">{sentenceAfterKind(entry.trigger)}</span>
                  {entry.trigger.count > 1 ? ` ${t('users.triggerMore', { count: entry.trigger.count - 1 })}` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('users.window', { from: formatUtcDay(entry.windowStart, i18n.language), to: formatUtcDay(entry.windowEnd, i18n.language), scored: formatDateTime(entry.scoredAt, i18n.language) })}
                </Text>
                <DistanceBar score={entry.score} threshold={entry.alertThreshold} />
                {entry.nearest && entry.belowThresholdBy > 0 && (
                  <Text size="sm" c="dimmed" data-testid="user-nearest">
                    {t('users.nearest', { indicator: t(`indicators.${entry.nearest.indicator}`), count: entry.nearest.count, threshold: entry.nearest.threshold })}
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Drawer>
  );
}
