import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertStatus, PolicyHealthState, PolicyState, Severity } from '../../../../shared/detection';
import type { RiskLevel } from '../../../../shared/contract';

/** Colour of each alert severity (and Users-page risk level). */
export const SEVERITY_COLORS: Record<RiskLevel, string> = { None: 'gray', Low: 'yellow', Medium: 'orange', High: 'red' };
/** Colour of each alert status. */
export const STATUS_COLORS: Record<AlertStatus, string> = { NeedsReview: 'blue', Confirmed: 'grape', Dismissed: 'gray', Resolved: 'teal' };
/** Colour of each policy state. */
export const POLICY_STATE_COLORS: Record<PolicyState, string> = { active: 'teal', paused: 'gray', test: 'violet' };
/** Colour of each policy health state. */
export const HEALTH_COLORS: Record<PolicyHealthState, string> = { healthy: 'teal', recommendations: 'yellow', warnings: 'orange' };

type Props = Omit<BadgeProps, 'color' | 'children'>;

/** An alert's severity. */
export function SeverityBadge({ severity, ...props }: Props & { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="filled" data-severity={severity} {...props}>
      {t(`severities.${severity}`)}
    </Badge>
  );
}

/** A person's risk level on the Users page (None before any score). */
export function RiskLevelBadge({ level, ...props }: Props & { level: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLORS[level]} variant={level === 'None' ? 'light' : 'filled'} data-risk-level={level} {...props}>
      {t(`riskLevels.${level}`)}
    </Badge>
  );
}

/** An alert's status. */
export function AlertStatusBadge({ status, ...props }: Props & { status: AlertStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} data-status={status} {...props}>
      {t(`alertStatuses.${status}`)}
    </Badge>
  );
}

/** A policy's state. */
export function PolicyStateBadge({ state, ...props }: Props & { state: PolicyState }) {
  const { t } = useTranslation();
  return (
    <Badge color={POLICY_STATE_COLORS[state]} data-policy-state={state} {...props}>
      {t(`policyStates.${state}`)}
    </Badge>
  );
}
