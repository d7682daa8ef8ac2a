/**
 * A policy as the scoring model reads it: its scope, indicators, triggers and boosters. The
 * policies repository (policies/policyRepository.ts) reads and writes it in the store.
 */
import type { AlertVolume, ImpactLevel, IndicatorId, PolicyState, TemplateId, Thresholds } from '../../shared/detection';
import type { PolicyScopeAttribute } from '../../shared/contract/policies';

/** A policy's scope as scoring reads it. */
export interface PolicyScope {
  everyone: boolean;
  groupIds: number[];
  pilotGroupId: number | null;
  attributes: { attribute: PolicyScopeAttribute; values: string[] }[];
  personIds: number[];
  exclude: { groupIds: number[]; attributes: { attribute: PolicyScopeAttribute; values: string[] }[]; personIds: number[] };
  priorityGroupIds: number[];
}

/** Everything scoring needs about one policy. */
export interface PolicyDefinition {
  id: number;
  template: TemplateId;
  name: string;
  description: string;
  state: PolicyState;
  scope: PolicyScope;
  priorityContent: { extensions: string[]; keywords: string[]; labels: string[]; only: boolean };
  indicators: { id: IndicatorId; thresholds: Thresholds | null; aboveUsual: boolean }[];
  triggers: {
    dlp: boolean;
    dlpMinSeverity: ImpactLevel;
    exfiltration: boolean;
    exfiltrationLevel: ImpactLevel;
    securityMinSeverity: ImpactLevel;
    securityActivity: boolean;
    securityActivityLevel: ImpactLevel;
  };
  activationDays: number;
  pastDays: number;
  boosters: { unusualActivity: boolean; previousViolation: boolean; priorityUser: boolean; highImpact: boolean };
  sequenceDetection: boolean;
  cumulativeExfiltration: boolean;
  alertVolume: AlertVolume | null;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
}
