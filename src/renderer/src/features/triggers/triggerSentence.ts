import { useTranslation } from 'react-i18next';
import type { TriggerFacts } from '../../../../shared/contract';
import type { TriggerKind } from '../../../../shared/detection';
import { formatCount, formatUtcDay } from '../../format';

/** A trigger as the contract gives it: the English summary and the facts behind it. */
export interface TriggerText {
  kind: TriggerKind;
  summary: string;
  facts: TriggerFacts | null;
}

/**
 * What a trigger says, in the UI language (the backend's `summary` is English, for the CLI and
 * exports). Triggers scored before facts were recorded have none: English users then see `summary`;
 * others see what the kind alone says.
 */
export function useTriggerSentence() {
  const { t, i18n } = useTranslation();
  return (trigger: TriggerText): string => {
    const facts = trigger.facts;
    if (facts === null) return i18n.language.startsWith('en') ? trigger.summary : t(`triggerKinds.${trigger.kind}`);
    const day = (value: number) => formatUtcDay(value, i18n.language);
    const number = (value: number) => formatCount(value, i18n.language);
    const decimal = (value: number) =>
      new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    const on = day(facts.day);
    if (facts.hrKind !== undefined) {
      const parts = [t(`triggerFacts.${facts.hrKind}`, { day: on })];
      const details: string[] = [];
      if (facts.lastWorkingDay !== undefined) parts.push(t('triggerFacts.lastWorkingDay', { day: day(facts.lastWorkingDay) }));
      if (facts.rating !== undefined) details.push(t('triggerFacts.rating', { rating: facts.rating }));
      if (facts.oldLevel !== undefined && facts.newLevel !== undefined)
        details.push(t('triggerFacts.levels', { from: facts.oldLevel, to: facts.newLevel }));
      return parts.join(', ') + (details.length ? ` (${details.join(', ')})` : '');
    }
    if (facts.source !== undefined) {
      const severity = [facts.severity ? t(`triggerFacts.severities.${facts.severity}`) : null, facts.category ?? null]
        .filter((part) => part !== null)
        .join(', ');
      const what = facts.source === 'dlp' ? t('triggerFacts.dlp') : t('triggerFacts.security');
      return facts.title !== undefined
        ? t('triggerFacts.externalTitled', { what, title: facts.title, severity, day: on })
        : t('triggerFacts.external', { what, severity, day: on });
    }
    if ((facts.kind === 'exfiltration' || facts.kind === 'securityActivity') && facts.indicator !== undefined) {
      const count = facts.count ?? 0;
      const values = {
        count,
        shown: number(count),
        indicator: t(`indicators.${facts.indicator}`),
        day: on,
        level: facts.level ? t(`impactLevels.${facts.level}`) : '—',
        threshold: number(facts.threshold ?? 0),
      };
      const parts = [
        facts.kind === 'exfiltration' ? t('triggerFacts.exfiltration', values) : t('triggerFacts.securityActivity', values),
      ];
      if (facts.kind === 'exfiltration') {
        parts.push(
          facts.usualPerDay === undefined ? t('triggerFacts.noBaseline') : t('triggerFacts.usual', { usual: decimal(facts.usualPerDay) }),
        );
        if (facts.corroboration === 'newChannel') parts.push(t('triggerFacts.newChannel'));
        else if (facts.corroboration === 'otherChannel' && facts.otherIndicator)
          parts.push(t('triggerFacts.otherChannel', { indicator: t(`indicators.${facts.otherIndicator}`) }));
        else if (facts.corroboration === 'dlp') parts.push(t('triggerFacts.dlpSameDay'));
        else if (facts.corroboration === 'foreignLogon') parts.push(t('triggerFacts.foreignLogon'));
        else if (facts.corroboration === 'newChannelDlp' || facts.corroboration === 'personalDlp')
          parts.push(t(`triggerFacts.${facts.corroboration}`, { severity: t(`triggerFacts.severities.${facts.severity ?? 'medium'}`) }));
      }
      if (facts.returnedTo !== undefined)
        parts.push(
          t('triggerFacts.returned', { device: facts.returnedTo, day: facts.previousDay === undefined ? '—' : day(facts.previousDay) }),
        );
      return parts.join(', ');
    }
    if (facts.kind === 'manual') {
      const days = facts.days ?? 0;
      return t('triggerFacts.manual', { count: days, day: on, reason: facts.reason ?? '—' });
    }
    return t(`triggerKinds.${trigger.kind}`);
  };
}
