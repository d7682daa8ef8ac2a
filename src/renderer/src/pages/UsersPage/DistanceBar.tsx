import { Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './UsersPage.module.css';

/**
 * How far a score is from the alert threshold: the bar fills to the score on a scale that ends a
 * little past the threshold (the mark), red once an alert is due.
 */
export function DistanceBar({ score, threshold, compact = false }: { score: number; threshold: number; compact?: boolean }) {
  const { t } = useTranslation();
  const scale = Math.max(threshold * 1.25, score, 1);
  const below = Math.max(0, threshold - score);
  const color = below === 0 ? 'red' : score >= threshold * 0.75 ? 'orange' : score > 0 ? 'yellow' : 'gray';
  const label = below === 0 ? t('users.atThreshold', { score, threshold }) : t('users.belowBy', { points: below, score, threshold });
  return (
    <Tooltip label={label}>
      <Stack gap={4} data-testid="distance" data-below={below} data-threshold={threshold}>
        <div className={classes.distance} role="meter" aria-valuemin={0} aria-valuemax={scale} aria-valuenow={score} aria-label={label}>
          <div className={classes.distanceFill} style={{ width: `${(100 * Math.min(score, scale)) / scale}%`, backgroundColor: `var(--mantine-color-${color}-filled)` }} />
          <div className={classes.distanceMark} style={{ left: `calc(${(100 * threshold) / scale}% - 1px)` }} />
        </div>
        <Text size="xs" c={below === 0 ? 'red' : 'dimmed'}>
          {compact
            ? below === 0
              ? t('users.compactDue', { score, threshold })
              : t('users.compactBelow', { count: below, score })
            : below === 0
              ? t('users.alertDue', { score, threshold })
              : t('users.pointsBelow', { count: below, score, threshold })}
        </Text>
      </Stack>
    </Tooltip>
  );
}
