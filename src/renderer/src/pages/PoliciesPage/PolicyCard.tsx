import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconBulb, IconCopy, IconDots, IconFlask, IconPencil, IconPlayerPause, IconPlayerPlay, IconTrash, IconUserPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PolicyState } from '../../../../shared/detection';
import type { PolicyView } from '../../../../shared/contract';
import { HEALTH_COLORS, PolicyStateBadge } from '../../components/DetectionBadges/DetectionBadges';
import { formatCount } from '../../format';

function Stat({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={650} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

/** One health issue of a policy. */
type HealthIssue = PolicyView['health']['issues'][number];

/** A health issue in the UI language, worded from its code, data source, indicators and numbers (not its English message). */
export function useHealthIssueText() {
  const { t, i18n } = useTranslation();
  return (issue: HealthIssue): string => {
    const source = issue.source ? t(`policies.health.sources.${issue.source}`) : '';
    const number = (value: string | number | boolean | undefined) => formatCount(Number(value ?? 0), i18n.language);
    switch (issue.code) {
      case 'missingDataSource':
        return issue.params.optional
          ? t('policies.health.messages.missingDataSourceOptional', { source })
          : t('policies.health.messages.missingDataSource', { source });
      case 'staleDataSource':
        return t('policies.health.messages.staleDataSource', { source, days: number(issue.params.days) });
      case 'indicatorsDisabled':
        return issue.params.all
          ? t('policies.health.messages.indicatorsDisabledAll')
          : t('policies.health.messages.indicatorsDisabled', {
              count: issue.indicators.length,
              indicators: issue.indicators.map((id) => t(`indicators.${id}`)).join(', '),
            });
      case 'triggerTooBroad':
        return t('policies.health.messages.triggerTooBroad', { percent: number(issue.params.percent), limit: number(issue.params.limit) });
      default:
        return t(`policies.health.messages.${issue.code}`);
    }
  };
}

/** What a policy card offers. */
export interface PolicyCardActions {
  onEdit(policy: PolicyView): void;
  onSetState(policy: PolicyView, state: PolicyState): void;
  onCopy(policy: PolicyView): void;
  onDelete(policy: PolicyView): void;
  /** Opens the people added by hand (list, add for 5–30 days with a reason, remove). */
  onManual(policy: PolicyView): void;
  busy: boolean;
}

/** One policy: state, template, people in scope, alert counts, effectiveness and its health warnings, with its actions. */
export function PolicyCard({ policy, actions }: { policy: PolicyView; actions: PolicyCardActions }) {
  const { t, i18n } = useTranslation();
  const { stats, health } = policy;
  const count = (value: number) => formatCount(value, i18n.language);
  const issueText = useHealthIssueText();
  return (
    <Paper p="lg" data-testid="policy-card" data-policy-id={policy.id} data-state={policy.state} data-health={health.state}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={650} size="lg" data-testid="policy-name">
                {policy.name}
              </Text>
              <PolicyStateBadge state={policy.state} />
              <Badge color={HEALTH_COLORS[health.state]} variant="outline" data-testid="policy-health">
                {t(`policies.health.${health.state}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" lineClamp={2}>
              {t(`templates.${policy.template}.name`)}
              {policy.description ? ` · ${policy.description}` : ''}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => actions.onManual(policy)} data-testid="policy-manual">
              {t('policies.actions.manual', { count: policy.manualAdditions.length })}
            </Button>
            <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => actions.onEdit(policy)} data-testid="policy-edit">
              {t('policies.actions.edit')}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label={t('policies.actions.more', { name: policy.name })} loading={actions.busy} data-testid="policy-menu">
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {policy.state === 'paused' ? (
                  <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => actions.onSetState(policy, 'active')} data-testid="policy-resume">
                    {t('policies.actions.resume')}
                  </Menu.Item>
                ) : (
                  <Menu.Item leftSection={<IconPlayerPause size={14} />} onClick={() => actions.onSetState(policy, 'paused')} data-testid="policy-pause">
                    {t('policies.actions.pause')}
                  </Menu.Item>
                )}
                {policy.state === 'test' ? (
                  <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => actions.onSetState(policy, 'active')} data-testid="policy-leave-test">
                    {t('policies.actions.leaveTest')}
                  </Menu.Item>
                ) : (
                  <Menu.Item leftSection={<IconFlask size={14} />} onClick={() => actions.onSetState(policy, 'test')} data-testid="policy-test">
                    {t('policies.actions.test')}
                  </Menu.Item>
                )}
                <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => actions.onCopy(policy)} data-testid="policy-copy">
                  {t('policies.actions.copy')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => actions.onDelete(policy)} data-testid="policy-delete">
                  {t('policies.actions.delete')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
          <Stat
            label={t('policies.stats.inScope')}
            value={count(stats.inScope)}
            hint={t('policies.stats.inScopeHint', { triggered: count(stats.triggered), manual: count(stats.manual) })}
            testId="policy-in-scope"
          />
          <Stat
            label={t('policies.stats.activeAlerts')}
            value={
              stats.activeAlerts > 0 ? (
                <Anchor component={Link} to={`/alerts${policy.state === 'test' ? '/test' : ''}?policy=${policy.id}`} inherit data-testid="policy-alerts-link">
                  {count(stats.activeAlerts)}
                </Anchor>
              ) : (
                '0'
              )
            }
            testId="policy-active-alerts"
          />
          <Stat label={t('policies.stats.confirmed')} value={count(stats.confirmedAlerts)} testId="policy-confirmed" />
          <Stat label={t('policies.stats.dismissed')} value={count(stats.dismissedAlerts)} testId="policy-dismissed" />
          <Stat
            label={t('policies.stats.effectiveness')}
            value={stats.effectiveness === null ? '—' : `${Math.round(stats.effectiveness * 100)} %`}
            hint={t('policies.stats.effectivenessHint')}
            testId="policy-effectiveness"
          />
        </SimpleGrid>
        {health.issues.length > 0 && (
          <Stack gap={6} data-testid="policy-issues">
            {health.issues.map((issue) => (
              <Group
                key={`${issue.code}-${issue.source ?? ''}-${issue.message}`}
                gap="xs"
                wrap="nowrap"
                align="flex-start"
                data-testid="policy-issue"
                data-level={issue.level}
                data-code={issue.code}
                data-source={issue.source ?? undefined}
              >
                <Tooltip label={t(`policies.health.levels.${issue.level}`)}>
                  <ThemeIcon size={20} radius="xl" variant="light" color={issue.level === 'warning' ? 'orange' : 'yellow'} aria-label={t(`policies.health.levels.${issue.level}`)}>
                    {issue.level === 'warning' ? <IconAlertTriangle size={12} /> : <IconBulb size={12} />}
                  </ThemeIcon>
                </Tooltip>
                <Text size="sm">
                  <Text span fw={600} size="sm">
                    {t(`policies.health.codes.${issue.code}`)}
                  </Text>
                  {': '}
                  <span data-testid="policy-issue-text">{issueText(issue)}</span>
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
