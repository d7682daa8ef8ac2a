/** Reading Policies → Settings values with the contract's own schemas (settings.list returns them untyped). */
import { INDICATOR_IDS, type IndicatorId, type Thresholds } from '../../../../shared/detection';
import type { SettingView } from '../../../../shared/contract';
import { useApiQuery } from '../../api';

/** True unless the setting `indicators.<id>` says the indicator is off. */
export function indicatorEnabled(settings: readonly SettingView[] | undefined, id: IndicatorId): boolean {
  return settings?.find((setting) => setting.key === `indicators.${id}`)?.value !== false;
}

/** The default thresholds of an indicator (`thresholds.<id>`), or null for severity-measured ones. */
export function defaultThresholds(settings: readonly SettingView[] | undefined, id: IndicatorId): Thresholds | null {
  const value = settings?.find((setting) => setting.key === `thresholds.${id}`)?.value;
  if (value && typeof value === 'object' && 'low' in value && 'medium' in value && 'high' in value) return value as Thresholds;
  return null;
}

/** Indicators turned off globally. */
export function disabledIndicators(settings: readonly SettingView[] | undefined): IndicatorId[] {
  return INDICATOR_IDS.filter((id) => !indicatorEnabled(settings, id));
}

/** Every setting with its value (react-query, shared by the wizard and the Settings tab). */
export function useSettingsList() {
  return useApiQuery('settings.list', {});
}
