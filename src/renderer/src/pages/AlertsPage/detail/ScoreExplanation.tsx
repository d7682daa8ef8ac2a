import { Anchor, Badge, Box, Group, Paper, Progress, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconArrowRight, IconEqual, IconMathEqualGreater, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityCategory } from '../../../../../shared/signals';
import type { ExplanationView } from '../../../../../shared/contract';
import { SEVERITY_COLORS } from '../../../components/DetectionBadges/DetectionBadges';
import { formatCount, formatUtcDay } from '../../../format';

/** One insight of an explanation. */
export type Insight = ExplanationView['insights'][number];

/** Colour of each activity category (charts and insight bars). */
export const CATEGORY_COLORS: Record<ActivityCategory, string> = {
  Access: 'blue',
  Collection: 'cyan',
  Exfiltration: 'red',
  Obfuscation: 'violet',
  Deletion: 'orange',
  Infiltration: 'grape',
  Security: 'pink',
};

/** A value in the equation of an insight ("11 events", "≥ low threshold 5", "× 1.5"). */
function Term({ children, color = 'gray', testId }: { children: ReactNode; color?: string; testId?: string }) {
  return (
    <Badge variant="light" color={color} size="lg" radius="sm" tt="none" fw={500} data-testid={testId}>
      {children}
    </Badge>
  );
}

function Operator({ icon, label }: { icon: ReactNode; label: string }) {
  return (
    <ThemeIcon variant="transparent" color="gray" size="sm" aria-label={label}>
      {icon}
    </ThemeIcon>
  );
}

/** The title of an insight: the indicator's name in the UI language, or what kind of insight it is. */
export function useInsightTitle() {
  const { t } = useTranslation();
  return (insight: Pick<Insight, 'kind' | 'indicator' | 'title'>) =>
    insight.kind === 'indicator' && insight.indicator
      ? t(`indicators.${insight.indicator}`)
      : insight.kind === 'sequence'
        ? t('riskFactors.sequence')
        : t('riskFactors.cumulativeExfiltration');
}

/** Indicators measured by the severity of the source's alerts rather than by event counts. */
const SEVERITY_INDICATORS: ReadonlySet<string> = new Set(['security_alert', 'dlp_match']);

/**
 * What an insight's numbers and facts say, in the UI language (the backend's `detail` is English,
 * for the CLI and exports). Insights stored before facts were recorded have none: English users
 * then see `detail`, which says more; others see what the numbers alone say.
 */
export function useInsightDetail() {
  const { t, i18n } = useTranslation();
  return (insight: Insight): string => {
    if (insight.facts === null && i18n.language.startsWith('en')) return insight.detail;
    const facts = insight.facts ?? {};
    const number = (value: number) => formatCount(value, i18n.language);
    const decimal = (value: number) => new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    const level = t(`impactLevels.${insight.level}`);
    const shared = { count: insight.count, shown: number(insight.count), level, threshold: number(insight.threshold) };
    const parts: string[] = [];
    if (insight.kind === 'sequence') {
      const files = facts.sequenceFiles ?? insight.count;
      parts.push(t('alerts.explanation.detail.sequence', { count: files, shown: number(files) }));
      if (facts.sequenceLongFiles)
        parts.push(t('alerts.explanation.detail.sequenceLong', { long: number(facts.sequenceLongFiles), weight: number(facts.sequenceLongWeight ?? 1) }));
      parts.push(t('alerts.explanation.detail.sequenceWeighted', { weighted: number(insight.count), level, threshold: shared.threshold }));
    } else if (insight.kind === 'cumulativeExfiltration') {
      const group =
        facts.peerGroup === undefined || facts.peerGroup === 'organisation'
          ? t('alerts.explanation.detail.wholeOrganisation')
          : t('alerts.explanation.detail.peerGroup', { name: facts.peerGroup });
      parts.push(
        t('alerts.explanation.detail.cumulative', {
          ...shared,
          days: number(facts.cumulativeDays ?? 30),
          factor: number(facts.peerFactor ?? 1),
          percentile: number(facts.peerPercentile ?? 0),
          group,
        }),
      );
    } else if (insight.indicator !== null && SEVERITY_INDICATORS.has(insight.indicator)) {
      parts.push(t('alerts.explanation.detail.alerts', shared));
      if (facts.alertTitles?.length) parts.push(t('alerts.explanation.detail.alertTitles', { titles: facts.alertTitles.join('; ') }));
      if (facts.newRecipientDomains?.length)
        parts.push(t('alerts.explanation.detail.newRecipients', { domains: facts.newRecipientDomains.join(', ') }));
    } else {
      parts.push(
        facts.aboveUsualPerDay !== undefined
          ? t('alerts.explanation.detail.aboveUsual', { ...shared, factor: number(facts.aboveUsualFactor ?? 1), usual: decimal(facts.aboveUsualPerDay) })
          : t('alerts.explanation.detail.count', shared),
      );
      if (facts.returnedTo !== undefined)
        parts.push(
          t('alerts.explanation.detail.returned', {
            device: facts.returnedTo,
            day: facts.returnedPreviousDay === undefined ? '—' : formatUtcDay(facts.returnedPreviousDay, i18n.language),
          }),
        );
      else if (facts.usualPerDay !== undefined) parts.push(t('alerts.explanation.detail.usual', { usual: decimal(facts.usualPerDay) }));
    }
    if (facts.countedWith) parts.push(t('alerts.explanation.detail.countedWith', { indicator: t(`indicators.${facts.countedWith}`) }));
    return parts.join('; ');
  };
}

/** One contributing insight as a readable equation: events ≥ threshold → base points × boosters = points. */
function InsightRow({ insight, onShowEvents }: { insight: Insight; onShowEvents(insight: Insight): void }) {
  const { t, i18n } = useTranslation();
  const title = useInsightTitle();
  const describe = useInsightDetail();
  const count = (value: number) => formatCount(value, i18n.language);
  // Base points times boosters can exceed what one insight may add; say so rather than hide it.
  const raw = Math.round(insight.basePoints * insight.boosterFactor);
  const capped = raw !== insight.points && Math.max(raw, insight.points) === raw;
  const unit = insight.kind === 'sequence' ? 'files' : insight.kind === 'cumulativeExfiltration' ? 'volume' : 'events';
  return (
    <Box
      pl="md"
      py="xs"
      style={{ borderLeft: `3px solid var(--mantine-color-${CATEGORY_COLORS[insight.category]}-filled)` }}
      data-testid="insight"
      data-kind={insight.kind}
      data-indicator={insight.indicator ?? undefined}
      data-points={insight.points}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm" data-testid="insight-title">
              {title(insight)}
            </Text>
            <Badge size="xs" variant="dot" color={CATEGORY_COLORS[insight.category]}>
              {t(`activityCategories.${insight.category}`)}
            </Badge>
          </Group>
          <Tooltip label={t('alerts.explanation.pointsHint')}>
            <Badge size="lg" color={insight.points >= 70 ? 'red' : insight.points >= 40 ? 'orange' : 'yellow'} variant="filled" data-testid="insight-points">
              {t('alerts.explanation.points', { points: insight.points })}
            </Badge>
          </Tooltip>
        </Group>
        <Group gap={6} wrap="wrap" data-testid="insight-equation">
          <Term testId="insight-count">{t(`alerts.explanation.${unit}`, { count: insight.count, shown: count(insight.count) })}</Term>
          <Operator icon={<IconMathEqualGreater size={14} />} label={t('alerts.explanation.atLeast')} />
          <Term color={SEVERITY_COLORS[insight.level === 'high' ? 'High' : insight.level === 'medium' ? 'Medium' : 'Low']} testId="insight-threshold">
            {t('alerts.explanation.threshold', { level: t(`impactLevels.${insight.level}`), threshold: count(insight.threshold) })}
          </Term>
          <Operator icon={<IconArrowRight size={14} />} label={t('alerts.explanation.gives')} />
          <Term testId="insight-base">{t('alerts.explanation.basePoints', { points: insight.basePoints })}</Term>
          {insight.boosters.map((booster) => (
            <Group key={booster.booster} gap={6} wrap="nowrap">
              <Operator icon={<IconX size={12} />} label={t('alerts.explanation.times')} />
              <Tooltip label={t(`boosters.${booster.booster}`)} multiline maw={300}>
                <Term color="grape" testId="insight-booster">{`${count(booster.factor)} · ${t(`alerts.explanation.boosterShort.${booster.booster}`)}`}</Term>
              </Tooltip>
            </Group>
          ))}
          <Operator icon={<IconEqual size={14} />} label={t('alerts.explanation.equals')} />
          <Term color="dark" testId="insight-result">
            {t('alerts.explanation.points', { points: insight.points })}
          </Term>
          {capped && (
            <Tooltip label={t('alerts.explanation.cappedHint', { raw, points: insight.points })} multiline maw={300}>
              <Text size="xs" c="dimmed" data-testid="insight-capped">
                {t('alerts.explanation.capped', { raw })}
              </Text>
            </Tooltip>
          )}
        </Group>
        <Text size="xs" c="dimmed" data-testid="insight-detail">
          {describe(insight)}
        </Text>
        {insight.storedEvents > 0 && (
          <Anchor component="button" type="button" size="xs" onClick={() => onShowEvents(insight)} data-testid="insight-show-events">
            {t('alerts.explanation.showEvents', { count: insight.storedEvents, shown: count(insight.storedEvents) })}
          </Anchor>
        )}
      </Stack>
    </Box>
  );
}

/** True when the score falls in the section (ends included). */
function contains(section: { from: number; to: number }, score: number): boolean {
  return Math.min(Math.max(score, section.from), section.to) === score;
}

/** The score on the 0–100 scale with the alert threshold and the severity bands. */
function ScoreScale({ explanation }: { explanation: ExplanationView }) {
  const { t } = useTranslation();
  const { alertThreshold, severityBands, score } = explanation;
  const lowStart = Math.max(alertThreshold, severityBands.Low);
  const sections = [
    { from: 0, to: lowStart, color: 'gray', label: t('alerts.explanation.noAlert') },
    { from: lowStart, to: severityBands.Medium, color: SEVERITY_COLORS.Low, label: t('severities.Low') },
    { from: severityBands.Medium, to: severityBands.High, color: SEVERITY_COLORS.Medium, label: t('severities.Medium') },
    { from: severityBands.High, to: 100, color: SEVERITY_COLORS.High, label: t('severities.High') },
  ].filter((section) => section.to > section.from);
  return (
    <Box pos="relative" pt={22} pb={18} data-testid="score-scale">
      <Box
        pos="absolute"
        top={0}
        style={{ left: `clamp(0%, calc(${score}% - 14px), calc(100% - 28px))` }}
        w={28}
        ta="center"
        data-testid="score-marker"
        data-score={score}
      >
        <Text size="xs" fw={700}>
          {score}
        </Text>
      </Box>
      <Box pos="absolute" top={18} style={{ left: `${score}%`, transform: 'translateX(-1px)' }} w={2} h={20} bg="var(--mantine-color-text)" />
      <Progress.Root size={12} aria-label={t('alerts.explanation.scale')}>
        {sections.map((section) => (
          <Tooltip key={section.label} label={`${section.label}: ${section.from}–${section.to}`}>
            <Progress.Section value={section.to - section.from} color={section.color} style={{ opacity: contains(section, score) ? 1 : 0.45 }} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Box pos="absolute" top={22} style={{ left: `${lowStart}%`, transform: 'translateX(-1px)' }} w={2} h={12} bg="var(--mantine-color-body)" aria-hidden />
      <Box pos="relative" h={18} mt={4}>
        <Text size="xs" c="dimmed" pos="absolute" left={0}>
          0
        </Text>
        <Text size="xs" c="dimmed" pos="absolute" style={{ left: `${lowStart}%`, transform: 'translateX(-50%)', whiteSpace: 'nowrap' }} data-testid="score-threshold-label">
          {t('alerts.explanation.thresholdMark', { threshold: alertThreshold })}
        </Text>
        <Text size="xs" c="dimmed" pos="absolute" right={0}>
          100
        </Text>
      </Box>
    </Box>
  );
}

/**
 * Why the alert has its score, readable: where the score sits between the alert threshold and the
 * severity bands, then each scored day (the highest first) with every contributing insight as an
 * equation of events, threshold crossed, base points, boosters and points.
 */
export function ScoreExplanation({ explanation, onShowEvents }: { explanation: ExplanationView; onShowEvents(insight: Insight): void }) {
  const { t, i18n } = useTranslation();
  const days = new Map<number, Insight[]>();
  for (const insight of explanation.insights) days.set(insight.day, [...(days.get(insight.day) ?? []), insight]);
  const ordered = [...days.entries()].sort(([dayA, a], [dayB, b]) =>
    dayA === explanation.topDay ? -1 : dayB === explanation.topDay ? 1 : (b[0]?.dayScore ?? 0) - (a[0]?.dayScore ?? 0) || dayB - dayA,
  );
  const top = days.get(explanation.topDay) ?? [];

  return (
    <Stack gap="md" data-testid="score-explanation">
      <Paper p="md">
        <Stack gap="xs">
          <Text fw={600}>
            {t('alerts.explanation.headline', {
              score: explanation.score,
              severity: t(`severities.${explanation.severity}`),
              day: formatUtcDay(explanation.topDay, i18n.language),
              count: top.length,
            })}
          </Text>
          <ScoreScale explanation={explanation} />
          <Text size="sm" c="dimmed">
            {t('alerts.explanation.howItWorks', { threshold: explanation.alertThreshold, days: days.size })}
          </Text>
        </Stack>
      </Paper>
      {ordered.map(([day, insights]) => (
        <Paper key={day} p="md" data-testid="insight-day" data-top={day === explanation.topDay ? 'true' : 'false'}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Group gap="xs">
                <Text fw={650}>{formatUtcDay(day, i18n.language)}</Text>
                {day === explanation.topDay && (
                  <Badge color="red" variant="light">
                    {t('alerts.explanation.topDay')}
                  </Badge>
                )}
              </Group>
              <Stack gap={0} align="flex-end">
                <Text size="sm" fw={600} data-testid="day-score">
                  {t('alerts.explanation.dayScore', { score: insights[0]?.dayScore ?? 0 })}
                </Text>
                {insights.length > 1 && (
                  <Text size="xs" c="dimmed" data-testid="day-combination">
                    {t('alerts.explanation.combined', { points: insights.map((insight) => insight.points).join(' ⊕ '), score: insights[0]?.dayScore ?? 0 })}
                  </Text>
                )}
              </Stack>
            </Group>
            {insights.map((insight) => (
              <InsightRow key={insight.ordinal} insight={insight} onShowEvents={onShowEvents} />
            ))}
          </Stack>
        </Paper>
      ))}
      <Text size="xs" c="dimmed">
        {t('alerts.explanation.model', { version: explanation.modelVersion })}
      </Text>
    </Stack>
  );
}
