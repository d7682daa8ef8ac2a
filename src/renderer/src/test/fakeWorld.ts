/**
 * The data side of the fake API (test/fakeApi.ts): imports, settings, policies, alerts and the
 * Users page, held in memory and answered the way the backend's handlers do (same filters, same
 * error codes for the cases the UI handles). Tests seed it through `createFakeBackend({ world })`
 * and drive it through `backend.world` (e.g. finish a running import, then emit its last event).
 */
import type { ActivityRow, AlertDetail, AlertSummary, FilePreview, ImportDetail, MethodInput, MethodName, MethodOutput, PersonView, PolicyView, SettingView, UserView } from '../../../shared/contract';
import { describeScoringReason, type ScoringReason } from '../../../shared/contract';
import {
  alertVolumeSchema,
  businessHoursSchema,
  domainList,
  fileTypeList,
  keywordList,
  pathPatternList,
  policyCreateInput,
  policyUpdateInput,
  thresholdsSchema,
} from '../../../shared/contract';
import { INDICATOR_IDS, INDICATORS, SEVERITIES, TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../../../shared/detection';
import { ACTIVITY_CATEGORIES } from '../../../shared/signals';
import { z } from 'zod';
import type { RoleGroup } from '../../../shared/access';
import { ApiFailure } from '../../../shared/errors';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M>;
/** Handlers the world answers, by method. */
export type WorldHandlers = { [M in MethodName]?: Handler<M> };

/** How an import ended, for `world.finishImport`. */
export interface ImportOutcome {
  state: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  rows?: number;
  accepted?: number;
  rejected?: number;
  persons?: number;
  error?: string | null;
  problems?: ImportDetail['problems'];
  rejects?: { fileName: string; csv: string };
}

/** What the world starts with. */
export interface FakeWorldSeed {
  /** Files on the fake workstation, by absolute path, with what preview finds in them. */
  files?: FilePreview[];
  /** Imports already in the history (oldest first). */
  imports?: ImportDetail[];
  /** Policies that exist (created with `samplePolicy`). */
  policies?: PolicyView[];
  /** Setting values that differ from the defaults of `defaultSettings()`, by key. */
  settings?: Record<string, unknown>;
  /** Priority and pilot groups. */
  groups?: MethodOutput<'groups.list'>;
  /** Members of each group by group id (person ids from `persons`); the group's `members` count follows them. */
  groupMembers?: Record<number, number[]>;
  /** Persons persons.list searches (as the backend presents them: pseudonyms while anonymized). */
  persons?: PersonView[];
  /** Which template prerequisites are met (default: all). */
  missingData?: TemplateId[];
  /** Person keys the backend knows (for scope previews and manual additions). */
  personKeys?: string[];
  /** Alerts (main queue and test mode), with their detail. */
  alerts?: AlertDetail[];
  /** Activities of each alert's person, by alert id, for the activity explorer. */
  activities?: Record<number, ActivityRow[]>;
  /** People on the Users page. */
  users?: UserView[];
}

/** The fake's data and the handles tests use. */
export interface FakeWorld {
  files: Map<string, FilePreview>;
  imports: ImportDetail[];
  rejects: Map<number, { fileName: string; csv: string; rows: number }>;
  /** Ends a running import the way the job does (the test then emits the job's last progress event). */
  finishImport(id: number, outcome: ImportOutcome): ImportDetail;
  policies: PolicyView[];
  settings: Map<string, SettingView>;
  groups: MethodOutput<'groups.list'>;
  /** Member person ids of each group. */
  groupMembers: Map<number, Set<number>>;
  persons: PersonView[];
  anonymization: { enabled: boolean };
  alerts: AlertDetail[];
  users: UserView[];
}

/** What the world needs from the fake backend: the clock and the signed-in account. */
export interface FakeWorldContext {
  now(): number;
  accountName(): string | null;
  accountId(): number | null;
  accounts(): readonly { id: number; name: string; roleGroups: readonly RoleGroup[]; locked: boolean }[];
}

/** The home folder `imports.browse` opens in. */
export const FAKE_HOME = '/home/investigator';

/** What preview finds in a well-formed HR resignation CSV (override any field). */
export function sampleFilePreview(path: string, overrides: Partial<FilePreview> = {}): FilePreview {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    path,
    name,
    size: 2_048,
    format: 'hr',
    layout: 'hr.resignation',
    description: 'HR connector: employee resignations',
    encoding: 'utf-8',
    columns: [
      { source: 'EmailAddress', target: 'person (e-mail)' },
      { source: 'ResignationDate', target: 'resignation date' },
      { source: 'LastWorkingDate', target: 'last working date' },
      { source: 'Comment', target: null },
    ],
    sample: {
      header: ['EmailAddress', 'ResignationDate', 'LastWorkingDate', 'Comment'],
      rows: [
        ['AnonAB1-234', '2026-01-02T00:00:00Z', '2026-01-30T00:00:00Z', ''],
        ['AnonCD5-678', '2026-01-03T00:00:00Z', '2026-02-27T00:00:00Z', 'moving abroad'],
      ],
    },
    problem: null,
    ...overrides,
  };
}

/** An import of the history (override any field). */
export function sampleImport(id: number, overrides: Partial<ImportDetail> = {}): ImportDetail {
  const startedAt = Date.UTC(2026, 0, 4, 10, 0, 0) + id * 60_000;
  return {
    id,
    format: 'hr',
    sources: [`${FAKE_HOME}/exports/hr-${id}.csv`],
    state: 'succeeded',
    onError: 'stop',
    account: 'admin',
    startedAt,
    finishedAt: startedAt + 2_500,
    seconds: 2.5,
    files: 1,
    rows: 120,
    accepted: 120,
    rejected: 0,
    ignored: 0,
    persons: 118,
    personsCreated: 118,
    error: null,
    hasRejects: false,
    retryOf: null,
    jobId: null,
    utcOffsetMinutes: 0,
    reimport: false,
    formatOverride: null,
    filesDetail: [
      {
        id: id * 10,
        name: `hr-${id}.csv`,
        path: `${FAKE_HOME}/exports/hr-${id}.csv`,
        size: 4_096,
        sha256: `${String(id).padStart(4, '0')}${'ab'.repeat(30)}`,
        format: 'hr',
        layout: 'hr.resignation',
        status: 'imported',
        duplicateOf: null,
        rows: 120,
        accepted: 120,
        rejected: 0,
      },
    ],
    problems: [],
    problemsTotal: 0,
    mergeMs: 12,
    timings: null,
    progress: null,
    ...overrides,
  };
}

/** The schema of each list-like setting (as the backend's registry validates them). */
const SETTING_SCHEMAS: Record<string, z.ZodType> = {
  'alerts.volume': alertVolumeSchema,
  'detection.businessHours': businessHoursSchema,
  'exclusions.fileTypes': fileTypeList,
  'exclusions.paths': pathPatternList,
  'exclusions.keywords': keywordList,
  'organisation.domains': domainList,
};

/** Every setting with a plausible default (the fake's registry). */
export function defaultSettings(): SettingView[] {
  const view = (key: string, group: SettingView['group'], value: unknown): SettingView => ({ key, group, summary: key, value, defaultValue: value, isDefault: true, updatedAt: null });
  return [
    view('session.idleLockMinutes', 'session', 15),
    view('privacy.anonymization', 'privacy', true),
    ...INDICATOR_IDS.map((id) => view(`indicators.${id}`, 'indicators', true)),
    ...INDICATOR_IDS.filter((id) => INDICATORS[id].measure === 'count').map((id) => view(`thresholds.${id}`, 'thresholds', { low: 3, medium: 10, high: 30 })),
    view('domains.jobSearch', 'domains', ['indeed.com', 'linkedin.com', 'stepstone.de']),
    view('domains.personalCloud', 'domains', ['dropbox.com', 'drive.google.com']),
    view('domains.personalWebmail', 'domains', ['gmail.com', 'outlook.com']),
    view('domains.leakSites', 'domains', ['pastebin.com', 'wikileaks.org']),
    view('domains.hackingTools', 'domains', ['hak5.org']),
    view('domains.unallowed', 'domains', []),
    view('domains.allowed', 'domains', []),
    view('domains.thirdParty', 'domains', []),
    view('organisation.domains', 'organisation', []),
    view('detection.businessHours', 'businessHours', [{ region: '*', timeZone: 'UTC', start: '08:00', end: '18:00', workdays: [1, 2, 3, 4, 5] }]),
    view('exclusions.fileTypes', 'exclusions', []),
    view('exclusions.paths', 'exclusions', ['\\Users\\*\\AppData']),
    view('exclusions.keywords', 'exclusions', []),
    view('alerts.volume', 'alerts', 'default'),
  ];
}

/** A policy as policies.list returns it (override any field). */
export function samplePolicy(id: number, overrides: Partial<PolicyView> = {}): PolicyView {
  const template = TEMPLATES[overrides.template ?? 'data-theft-departing-users'];
  return {
    id,
    template: template.id,
    templateName: template.name,
    name: `Policy ${id}`,
    description: '',
    state: 'active',
    scope: {
      everyone: true,
      groups: [],
      attributes: [],
      pilotGroup: null,
      persons: [],
      exclude: { groups: [], attributes: [], persons: [] },
      priorityGroups: [],
    },
    manualAdditions: [],
    priorityContent: { extensions: [], keywords: [], labels: [], scoreOnlyPriorityContent: false },
    indicators: template.defaultIndicators.map((indicator) => ({
      id: indicator,
      name: INDICATORS[indicator].name,
      category: INDICATORS[indicator].category,
      thresholds: INDICATORS[indicator].measure === 'count' ? { low: 3, medium: 10, high: 30 } : null,
      custom: false,
      aboveUsual: false,
      globallyEnabled: true,
    })),
    triggers: { kinds: [...template.triggers], dlp: true, dlpMinSeverity: 'high', exfiltration: true, exfiltrationLevel: 'medium', securityMinSeverity: 'low', securityActivity: true, securityActivityLevel: 'low' },
    activationDays: template.defaultActivationDays,
    pastDays: template.defaultPastDays,
    boosters: { unusualActivity: true, previousViolation: true, priorityUser: true, highImpact: true },
    sequenceDetection: template.data,
    cumulativeExfiltration: template.data,
    alertVolume: null,
    effectiveAlertVolume: 'default',
    createdAt: Date.UTC(2026, 0, 3),
    updatedAt: Date.UTC(2026, 0, 3),
    health: { state: 'healthy', issues: [] },
    stats: { inScope: 12, triggered: 12, manual: 0, activeAlerts: 3, confirmedAlerts: 1, dismissedAlerts: 1, effectiveness: 0.5 },
    ...overrides,
  };
}

const DAY = 86_400_000;

/** An alert with its explanation (override any field); ids decide person, policy and severity. */
export function sampleAlert(id: number, overrides: Partial<AlertDetail> = {}): AlertDetail {
  const severity = overrides.severity ?? SEVERITIES[id % 3]!;
  const score = overrides.score ?? (severity === 'High' ? 70 + (id % 30) : severity === 'Medium' ? 40 + (id % 30) : 20 + (id % 20));
  const day = Date.UTC(2026, 0, 1) - (id % 20) * DAY;
  const person = { id: 1000 + (id % 50), displayName: `Anon${String(id).padStart(3, '0')}-${String(100 + (id % 900)).slice(0, 3)}`, pseudonymized: true, email: null, department: null, businessUnit: 'Sales', region: null, country: null, title: 'Engineer', manager: 'AnonMGR-001' };
  return {
    id,
    person,
    policy: { id: 1 + (id % 2), name: id % 2 === 0 ? 'Departing staff' : 'Data leaks', template: id % 2 === 0 ? 'data-theft-departing-users' : 'data-leaks', deleted: false },
    status: 'NeedsReview',
    severity,
    score,
    test: false,
    detectedAt: Date.UTC(2026, 0, 5, 9, 0) - id * 60_000,
    updatedAt: Date.UTC(2026, 0, 5, 9, 0) - id * 60_000,
    firstActivityDay: day - 2 * DAY,
    lastActivityDay: day,
    topDay: day,
    trigger: { kind: 'departure', time: day - 10 * DAY, summary: 'Resignation on 2025-12-20, last working day 2026-01-16', facts: { kind: 'departure', day: Date.UTC(2025, 11, 20), hrKind: 'resignation', lastWorkingDay: Date.UTC(2026, 0, 16) } },
    riskFactors: id % 2 === 0 ? ['sequence', 'unusualActivity'] : ['cumulativeExfiltration'],
    assignee: null,
    caseId: null,
    dismissReason: null,
    dismissNote: null,
    triggeringEvent: { kind: 'departure', time: day - 10 * DAY, summary: 'Resignation on 2025-12-20, last working day 2026-01-16', facts: { kind: 'departure', day: Date.UTC(2025, 11, 20), hrKind: 'resignation', lastWorkingDay: Date.UTC(2026, 0, 16) }, source: { fileName: 'hr/resignations.csv', sha256: 'ab'.repeat(32), line: 7 } },
    explanation: {
      modelVersion: 1,
      score,
      severity,
      alertThreshold: 20,
      severityBands: { Low: 1, Medium: 40, High: 70 },
      topDay: day,
      summary: `Risk score ${score}`,
      insights: [
        { ordinal: 0, day, kind: 'indicator', indicator: 'usb_copy', title: 'Copying files to removable media', category: 'Exfiltration', count: 11, level: 'low', threshold: 5, basePoints: 20, boosters: [{ booster: 'unusualActivity', factor: 1.5 }], boosterFactor: 1.5, points: 30, dayScore: score, detail: 'Copying files to removable media: 11 event(s) ≥ low threshold 5; usual 0.37 a day', facts: { usualPerDay: 0.37 }, events: 11, storedEvents: 11 },
        { ordinal: 1, day, kind: 'sequence', indicator: null, title: 'Sequence activities', category: 'Exfiltration', count: 32, level: 'high', threshold: 30, basePoints: 70, boosters: [], boosterFactor: 1, points: 70, dayScore: score, detail: 'Sequences: 32 file(s) collected or obfuscated then exfiltrated, or exfiltrated then deleted, within days → weighted 32 ≥ high threshold 30', facts: { sequenceFiles: 32, sequenceLongFiles: 0, sequenceLongWeight: 3 }, events: 64, storedEvents: 64 },
        { ordinal: 2, day: day - 2 * DAY, kind: 'indicator', indicator: 'cloud_upload', title: 'Uploading to personal cloud storage', category: 'Exfiltration', count: 4, level: 'low', threshold: 3, basePoints: 20, boosters: [], boosterFactor: 1, points: 20, dayScore: 20, detail: 'Uploading to personal cloud storage or other third-party web storage: 4 event(s) ≥ low threshold 3', facts: {}, events: 4, storedEvents: 4 },
      ],
    },
    userAlertHistory: [],
    onlyPriorityContentScored: false,
    ...overrides,
  };
}

/** `count` activities of an alert's person, one hour apart, with provenance. */
export function sampleActivities(alert: AlertDetail, count: number): ActivityRow[] {
  return Array.from({ length: count }, (_, index) => ({
    id: alert.id * 10_000 + index,
    time: alert.lastActivityDay + index * 3_600_000,
    kind: index % 2 === 0 ? 'usbCopy' : 'cloudUpload',
    category: 'Exfiltration',
    device: 'PC-1234',
    target: `Q${index}-forecast.xlsx`,
    domain: index % 2 === 0 ? null : 'dropbox.com',
    recipients: null,
    external: index % 2 === 1,
    size: 120_000,
    attachments: null,
    detail: null,
    indicators: [index % 2 === 0 ? 'usb_copy' : 'cloud_upload'],
    insightOrdinals: [0],
    points: 30,
    scored: true,
    riskFactors: index % 3 === 0 ? ['sequence'] : [],
    source: { importId: 3, fileName: 'cert/file.csv', sha256: 'cd'.repeat(32), line: 100 + index },
  }));
}

/** A person as persons.list presents them while anonymized (override any field). */
export function samplePerson(id: number, overrides: Partial<PersonView> = {}): PersonView {
  return { id, displayName: `AnonP${String(id).padStart(2, '0')}-${100 + id}`, pseudonymized: true, email: null, department: null, businessUnit: 'Sales', region: 'EMEA', country: null, title: 'Engineer', manager: null, ...overrides };
}

/** A person on the Users page (override any field). */
export function sampleUser(id: number, overrides: Partial<UserView> = {}): UserView {
  const score = overrides.score ?? 10;
  return {
    person: { id, displayName: `AnonUSR-${String(id).padStart(3, '0')}`, pseudonymized: true, email: null, department: null, businessUnit: 'Sales', region: null, country: null, title: 'Engineer', manager: null },
    riskLevel: score >= 70 ? 'High' : score >= 40 ? 'Medium' : score >= 20 ? 'Low' : 'None',
    score,
    activeAlerts: score >= 20 ? 1 : 0,
    confirmedViolations: 0,
    activeCaseId: null,
    policies: [
      {
        policy: { id: 1, name: 'Departing staff', template: 'data-theft-departing-users', state: 'active' },
        trigger: { kind: 'departure', time: Date.UTC(2025, 11, 20), summary: 'Resignation on 2025-12-20', facts: { kind: 'departure', day: Date.UTC(2025, 11, 20), hrKind: 'resignation' }, count: 1 },
        manual: false,
        windowStart: Date.UTC(2025, 9, 1),
        windowEnd: Date.UTC(2026, 0, 20),
        score,
        alertThreshold: 20,
        belowThresholdBy: Math.max(0, 20 - score),
        nearest: { indicator: 'usb_copy', count: 3, threshold: 5 },
        alert: score >= 20 ? { id: id + 500, status: 'NeedsReview', severity: score >= 70 ? 'High' : score >= 40 ? 'Medium' : 'Low' } : null,
        scoredAt: Date.UTC(2026, 0, 5),
      },
    ],
    ...overrides,
  };
}

/** Creates the world and its handlers. */
export function createFakeWorld(seed: FakeWorldSeed, context: FakeWorldContext): { world: FakeWorld; handlers: WorldHandlers } {
  const files = new Map((seed.files ?? []).map((file) => [file.path, file]));
  const imports: ImportDetail[] = (seed.imports ?? []).map((entry) => ({ ...entry }));
  const rejects = new Map<number, { fileName: string; csv: string; rows: number }>();
  let jobs = 0;
  const policies: PolicyView[] = (seed.policies ?? []).map((policy) => ({ ...policy }));
  const settings = new Map(defaultSettings().map((setting) => [setting.key, setting]));
  for (const [key, value] of Object.entries(seed.settings ?? {})) {
    const setting = settings.get(key);
    if (setting) settings.set(key, { ...setting, value, isDefault: JSON.stringify(value) === JSON.stringify(setting.defaultValue) });
  }
  const groups: MethodOutput<'groups.list'> = (seed.groups ?? []).map((group) => ({ ...group }));
  const persons: PersonView[] = seed.persons ?? [];
  const groupMembers = new Map(groups.map((group) => [group.id, new Set(seed.groupMembers?.[group.id] ?? [])]));
  for (const group of groups) if (seed.groupMembers?.[group.id]) group.members = groupMembers.get(group.id)!.size;
  const requireGroup = (id: number) => {
    const found = groups.find((group) => group.id === id);
    if (!found) throw new ApiFailure('NOT_FOUND', `No person group with id ${id}.`);
    return found;
  };
  const requirePersons = (ids: number[]) => {
    const unknown = ids.filter((id) => !persons.some((person) => person.id === id));
    if (unknown.length > 0) throw new ApiFailure('NOT_FOUND', `No person with id ${unknown.join(', ')}.`);
    return ids;
  };
  const groupDetail = (group: MethodOutput<'groups.list'>[number]) => ({ ...group, persons: persons.filter((person) => groupMembers.get(group.id)?.has(person.id)) });
  const anonymization = { enabled: settings.get('privacy.anonymization')!.value !== false };
  const knownKeys = new Set((seed.personKeys ?? []).map((key) => key.toLowerCase()));
  const scoring = { needsFull: false, reasonFacts: null as ScoringReason | null, runs: [] as MethodOutput<'scoring.status'>['runs'] };
  const alerts: AlertDetail[] = (seed.alerts ?? []).map((alert) => ({ ...alert }));
  const activities = seed.activities ?? {};
  const users: UserView[] = seed.users ?? [];
  const requireAlert = (id: number) => {
    const found = alerts.find((alert) => alert.id === id);
    if (!found) throw new ApiFailure('NOT_FOUND', `No alert with id ${id}.`);
    return found;
  };
  const summaryOf = (alert: AlertDetail): AlertSummary => {
    const { triggeringEvent: _t, explanation: _e, userAlertHistory: _h, onlyPriorityContentScored: _o, ...summary } = alert;
    return summary;
  };
  const assignable = () => context.accounts().filter((account) => !account.locked && account.roleGroups.some((group) => ['InsiderRiskManagement', 'Analysts', 'Investigators'].includes(group)));

  /** The files under the chosen paths (a folder is every file below it). */
  const resolve = (paths: string[]): FilePreview[] => {
    const found: FilePreview[] = [];
    for (const path of paths) {
      const exact = files.get(path);
      const below = [...files.values()].filter((file) => file.path.startsWith(`${path.replace(/\/$/, '')}/`));
      if (!exact && below.length === 0) throw new ApiFailure('BAD_FILE', `${path} does not exist or cannot be read.`);
      found.push(...(exact ? [exact] : below));
    }
    return found;
  };
  const kindOf = (previews: FilePreview[], forced: FilePreview['format'] | undefined) => {
    if (forced) return forced;
    const formats = new Set(previews.map((file) => file.format));
    if (formats.has(null)) return null;
    return formats.size === 1 ? [...formats][0]! : 'mixed';
  };
  const requireImport = (id: number) => {
    const found = imports.find((entry) => entry.id === id);
    if (!found) throw new ApiFailure('NOT_FOUND', `No import with id ${id}.`);
    return found;
  };
  const startImport = (request: { paths: string[]; format?: FilePreview['format']; onError: 'stop' | 'skip'; reimport: boolean; utcOffsetMinutes: number }, retryOf: number | null) => {
    const previews = resolve(request.paths);
    const bad = previews.filter((file) => file.problem);
    if (bad.length > 0) throw new ApiFailure('BAD_FILE', `${bad.map((file) => `${file.name}: ${file.problem}`).join('; ')}. Nothing was imported.`);
    const id = imports.reduce((max, entry) => Math.max(max, entry.id), 0) + 1;
    jobs += 1;
    const jobId = `import-job-${jobs}`;
    const entry: ImportDetail = {
      ...sampleImport(id),
      format: kindOf(previews, request.format ?? undefined) ?? 'mixed',
      sources: request.paths,
      state: 'running',
      onError: request.onError,
      account: context.accountName(),
      startedAt: context.now(),
      finishedAt: null,
      seconds: null,
      files: previews.length,
      rows: 0,
      accepted: 0,
      rejected: 0,
      persons: 0,
      personsCreated: 0,
      retryOf,
      jobId,
      reimport: request.reimport,
      utcOffsetMinutes: request.utcOffsetMinutes,
      formatOverride: request.format ?? null,
      filesDetail: previews.map((file, index) => ({
        id: id * 10 + index,
        name: file.name,
        path: file.path,
        size: file.size,
        sha256: `${String(id).padStart(4, '0')}${'cd'.repeat(30)}`,
        format: file.format ?? 'hr',
        layout: file.layout ?? 'unknown',
        status: 'pending',
        duplicateOf: null,
        rows: 0,
        accepted: 0,
        rejected: 0,
      })),
      mergeMs: null,
    };
    imports.push(entry);
    return { importId: id, jobId };
  };

  const requirePolicy = (id: number) => {
    const found = policies.find((policy) => policy.id === id);
    if (!found) throw new ApiFailure('NOT_FOUND', `No policy with id ${id}.`);
    return found;
  };
  const nameTaken = (name: string) => policies.some((policy) => policy.name.toLowerCase() === name.toLowerCase());
  const changed = (reason: ScoringReason) => {
    scoring.reasonFacts = reason;
  };
  /** A policy view of create/update input (the parts the UI reads back). */
  const policyOf = (id: number, input: z.output<typeof policyCreateInput>, before?: PolicyView): PolicyView => {
    const template = TEMPLATES[input.template];
    const groupRef = (groupId: number) => {
      const group = groups.find((candidate) => candidate.id === groupId);
      return { id: groupId, name: group?.name ?? `group ${groupId}`, kind: group?.kind ?? ('pilot' as const) };
    };
    const indicatorIds = input.indicators?.map((indicator) => indicator.id) ?? template.defaultIndicators;
    return samplePolicy(id, {
      template: input.template,
      name: input.name,
      description: input.description,
      state: input.state,
      scope: {
        everyone: input.scope.everyone,
        groups: input.scope.groupIds.map(groupRef),
        attributes: input.scope.attributes,
        pilotGroup: input.scope.pilotGroupId ? { id: input.scope.pilotGroupId, name: groupRef(input.scope.pilotGroupId).name } : null,
        persons: before?.scope.persons.filter((person) => input.scope.personIds.includes(person.id)) ?? [],
        exclude: { groups: input.scope.exclude.groupIds.map(groupRef), attributes: input.scope.exclude.attributes, persons: [] },
        priorityGroups: input.scope.priorityGroupIds.map((groupId) => ({ id: groupId, name: groupRef(groupId).name })),
      },
      manualAdditions: before?.manualAdditions ?? [],
      priorityContent: input.priorityContent,
      indicators: indicatorIds.map((indicator) => {
        const chosen = input.indicators?.find((candidate) => candidate.id === indicator);
        return {
          id: indicator,
          name: INDICATORS[indicator].name,
          category: INDICATORS[indicator].category,
          thresholds: chosen?.thresholds ?? (INDICATORS[indicator].measure === 'count' ? { low: 3, medium: 10, high: 30 } : null),
          custom: Boolean(chosen?.thresholds),
          aboveUsual: chosen?.aboveUsual ?? false,
          globallyEnabled: settings.get(`indicators.${indicator}`)?.value !== false,
        };
      }),
      triggers: { kinds: [...template.triggers], ...input.triggers },
      activationDays: input.activationDays,
      pastDays: input.pastDays ?? template.defaultPastDays,
      boosters: input.boosters,
      sequenceDetection: input.sequenceDetection,
      cumulativeExfiltration: input.cumulativeExfiltration,
      alertVolume: input.alertVolume,
      effectiveAlertVolume: input.alertVolume ?? (settings.get('alerts.volume')!.value as 'fewer' | 'default' | 'more'),
      createdAt: before?.createdAt ?? context.now(),
      updatedAt: context.now(),
      health: { state: 'recommendations', issues: [{ code: 'notScored', level: 'recommendation', message: 'Not scored since the last change: run scoring to see who is in scope.', source: null, indicators: [], params: {} }] },
      stats: before?.stats ?? { inScope: 0, triggered: 0, manual: 0, activeAlerts: 0, confirmedAlerts: 0, dismissedAlerts: 0, effectiveness: null },
    });
  };
  const definitionOf = (policy: PolicyView): z.output<typeof policyCreateInput> =>
    policyCreateInput.parse({
      template: policy.template,
      name: policy.name,
      description: policy.description,
      scope: {
        everyone: policy.scope.everyone,
        groupIds: policy.scope.groups.map((group) => group.id),
        attributes: policy.scope.attributes,
        pilotGroupId: policy.scope.pilotGroup?.id ?? null,
        personIds: policy.scope.persons.map((person) => person.id),
        exclude: { groupIds: policy.scope.exclude.groups.map((group) => group.id), attributes: policy.scope.exclude.attributes },
        priorityGroupIds: policy.scope.priorityGroups.map((group) => group.id),
      },
      priorityContent: policy.priorityContent,
      indicators: policy.indicators.map((indicator) => ({ id: indicator.id, thresholds: indicator.custom ? indicator.thresholds : null, aboveUsual: indicator.aboveUsual })),
      triggers: { dlp: policy.triggers.dlp, dlpMinSeverity: policy.triggers.dlpMinSeverity, exfiltration: policy.triggers.exfiltration, exfiltrationLevel: policy.triggers.exfiltrationLevel, securityMinSeverity: policy.triggers.securityMinSeverity },
      activationDays: policy.activationDays,
      pastDays: policy.pastDays,
      boosters: policy.boosters,
      sequenceDetection: policy.sequenceDetection,
      cumulativeExfiltration: policy.cumulativeExfiltration,
      alertVolume: policy.alertVolume,
      state: policy.state,
    });
  const writeSetting = (key: string, value: unknown) => {
    const setting = settings.get(key);
    if (!setting) throw new ApiFailure('NOT_FOUND', `No setting named "${key}"; settings.list shows every key.`);
    const schema =
      SETTING_SCHEMAS[key] ?? (key.startsWith('domains.') ? domainList : key.startsWith('thresholds.') ? thresholdsSchema : key.startsWith('indicators.') ? z.boolean() : z.unknown());
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ApiFailure('INVALID_INPUT', `Invalid value for ${key}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    const next = { ...setting, value: parsed.data, isDefault: JSON.stringify(parsed.data) === JSON.stringify(setting.defaultValue), updatedAt: context.now() };
    settings.set(key, next);
    if (!key.startsWith('session.')) changed({ kind: 'settingChanged', setting: key });
    return next;
  };

  const world: FakeWorld = {
    alerts,
    users,
    files,
    imports,
    rejects,
    policies,
    settings,
    groups,
    groupMembers,
    persons,
    anonymization,
    finishImport(id, outcome) {
      const entry = requireImport(id);
      const rows = outcome.rows ?? 0;
      Object.assign(entry, {
        state: outcome.state,
        finishedAt: entry.startedAt + 3_000,
        seconds: 3,
        rows,
        accepted: outcome.accepted ?? (outcome.state === 'succeeded' ? rows : 0),
        rejected: outcome.rejected ?? 0,
        persons: outcome.persons ?? 0,
        personsCreated: outcome.persons ?? 0,
        error: outcome.error ?? null,
        problems: outcome.problems ?? [],
        problemsTotal: Math.max(outcome.problems?.length ?? 0, outcome.rejected ?? 0),
        hasRejects: outcome.rejects !== undefined,
        jobId: null,
        mergeMs: outcome.state === 'succeeded' ? 8 : null,
        filesDetail: entry.filesDetail.map((file) => ({ ...file, status: outcome.state === 'succeeded' ? 'imported' : 'notImported', rows })),
      } satisfies Partial<ImportDetail>);
      if (outcome.rejects) rejects.set(id, { ...outcome.rejects, rows: outcome.rejected ?? 0 });
      return entry;
    },
  };

  const handlers: WorldHandlers = {
    'alerts.list': (input) => {
      const text = input.text?.trim().toLowerCase();
      const sortValue = (alert: AlertDetail) =>
        input.sort?.field === 'severity' ? SEVERITIES.indexOf(alert.severity) * 1e13 + alert.detectedAt : input.sort?.field === 'score' ? alert.score : input.sort?.field === 'updatedAt' ? alert.updatedAt : alert.detectedAt;
      const matching = alerts
        .filter(
          (alert) =>
            alert.test === (input.testMode ?? false) &&
            (!input.status?.length || input.status.includes(alert.status)) &&
            (!input.severity?.length || input.severity.includes(alert.severity)) &&
            (!input.policyIds?.length || input.policyIds.includes(alert.policy.id)) &&
            (input.detectedFrom === undefined || alert.detectedAt >= input.detectedFrom) &&
            (input.detectedTo === undefined || alert.detectedAt < input.detectedTo) &&
            (input.riskFactors ?? []).every((factor) => alert.riskFactors.includes(factor)) &&
            (input.assignee === undefined ||
              (input.assignee === 'unassigned' ? alert.assignee === null : alert.assignee?.id === (input.assignee === 'me' ? context.accountId() : input.assignee))) &&
            (!text || `${alert.person.displayName} ${alert.id} ${alert.policy.name} ${alert.assignee?.name ?? ''}`.toLowerCase().includes(text)),
        )
        .sort((a, b) => (sortValue(a) - sortValue(b) || a.id - b.id) * (input.sort?.direction === 'asc' ? 1 : -1));
      const offset = input.cursor ? Number(input.cursor) : 0;
      const limit = input.limit ?? 50;
      const page = matching.slice(offset, offset + limit);
      return { alerts: page.map(summaryOf), total: matching.length, nextCursor: offset + limit < matching.length ? String(offset + limit) : null };
    },
    'alerts.summary': (input) => {
      const shown = alerts.filter((alert) => alert.test === (input.testMode ?? false));
      const needsReview = { Low: 0, Medium: 0, High: 0 };
      const byStatus = { NeedsReview: 0, Confirmed: 0, Dismissed: 0, Resolved: 0 };
      for (const alert of shown) {
        byStatus[alert.status] += 1;
        if (alert.status === 'NeedsReview') needsReview[alert.severity] += 1;
      }
      const policies = [...new Map(alerts.map((alert) => [alert.policy.id, { id: alert.policy.id, name: alert.policy.name, deleted: alert.policy.deleted }])).values()];
      return { needsReview, byStatus, policies, assignees: assignable().map(({ id, name }) => ({ id, name })) };
    },
    'alerts.get': (input) => requireAlert(input.id),
    'alerts.activities': (input) => {
      const alert = requireAlert(input.id);
      const rows = (activities[alert.id] ?? []).filter(
        (row) =>
          (input.scope === 'all' || row.scored) &&
          (!input.category || row.category === input.category) &&
          (!input.indicator || row.indicators.includes(input.indicator)) &&
          (!input.riskFactor || row.riskFactors.includes(input.riskFactor)) &&
          (input.from === undefined || row.time >= input.from) &&
          (input.to === undefined || row.time < input.to),
      );
      const offset = input.cursor ? Number(input.cursor) : 0;
      const limit = input.limit ?? 100;
      return { activities: rows.slice(offset, offset + limit), nextCursor: offset + limit < rows.length ? String(offset + limit) : null };
    },
    'alerts.activityChart': (input) => {
      const alert = requireAlert(input.id);
      const days = (input.months ?? 3) * 30;
      const from = alert.lastActivityDay - (days - 1) * DAY;
      const counts = Object.fromEntries(ACTIVITY_CATEGORIES.map((category) => [category, 0])) as Record<(typeof ACTIVITY_CATEGORIES)[number], number>;
      return {
        from,
        to: alert.lastActivityDay + DAY,
        days: [
          { day: alert.lastActivityDay - DAY, counts: { ...counts, Access: 12, Collection: 3 } },
          { day: alert.lastActivityDay, counts: { ...counts, Access: 9, Exfiltration: 15 } },
        ],
        scoredDays: [{ day: alert.topDay, score: alert.score, insights: alert.explanation.insights.length, categories: ['Exfiltration'] }],
        sequences: [{ day: alert.topDay, files: 32, points: 70 }],
        cumulativeExfiltration: [{ day: alert.lastActivityDay, volume: 42 }],
      };
    },
    'alerts.dismiss': (input) => {
      const chosen = input.ids.map(requireAlert);
      const refused = chosen.filter((alert) => alert.status !== 'NeedsReview');
      if (refused.length > 0) throw new ApiFailure('INVALID_STATE', `Only Needs review alerts can become Dismissed: ${refused.map((alert) => `#${alert.id} is ${alert.status}`).join(', ')}. Nothing was changed.`);
      for (const alert of chosen) Object.assign(alert, { status: 'Dismissed', dismissReason: input.reason, dismissNote: input.note || null, updatedAt: context.now() });
      return { dismissed: chosen.length };
    },
    'alerts.assign': (input) => {
      const chosen = input.ids.map(requireAlert);
      const account = input.accountId === null ? null : assignable().find((candidate) => candidate.id === input.accountId);
      if (input.accountId !== null && !account) throw new ApiFailure('INVALID_INPUT', `Account ${input.accountId} may not triage alerts.`);
      for (const alert of chosen) alert.assignee = account ? { id: account.id, name: account.name } : null;
      return { assigned: chosen.length };
    },
    'alerts.confirm': (input) => {
      const chosen = input.ids.map(requireAlert);
      const refused = chosen.filter((alert) => alert.status !== 'NeedsReview');
      if (refused.length > 0) throw new ApiFailure('INVALID_STATE', `Only Needs review alerts can become Confirmed. Nothing was changed.`);
      const caseId = input.caseId ?? 70 + chosen[0]!.id;
      for (const alert of chosen) Object.assign(alert, { status: 'Confirmed', caseId });
      return { caseId, confirmed: chosen.length, created: input.caseId === null || input.caseId === undefined };
    },
    'alerts.assignees': () => assignable().map(({ id, name }) => ({ id, name })),
    'users.list': (input) => {
      const text = input.text?.trim().toLowerCase();
      const matching = users
        .filter(
          (user) =>
            (!text || user.person.displayName.toLowerCase().includes(text)) &&
            (!input.riskLevels?.length || input.riskLevels.includes(user.riskLevel)) &&
            (input.policyId === undefined || user.policies.some((entry) => entry.policy.id === input.policyId)),
        )
        .sort((a, b) => (input.sort === 'name' ? a.person.displayName.localeCompare(b.person.displayName) : b.score - a.score || a.person.id - b.person.id));
      const offset = input.offset ?? 0;
      return { users: matching.slice(offset, offset + (input.limit ?? 100)), total: matching.length };
    },
    'users.get': (input) => {
      const user = users.find((candidate) => candidate.person.id === input.id);
      if (!user) throw new ApiFailure('NOT_FOUND', `No person with id ${input.id}.`);
      return user;
    },
    'policies.templates': () =>
      TEMPLATE_IDS.map((id) => {
        const template = TEMPLATES[id];
        const missing = seed.missingData?.includes(id) ?? false;
        return {
          id,
          name: template.name,
          description: template.description,
          triggers: [...template.triggers],
          population: template.population,
          dataTemplate: template.data,
          defaultIndicators: [...template.defaultIndicators],
          defaultActivationDays: template.defaultActivationDays,
          defaultPastDays: template.defaultPastDays,
          prerequisites: [
            template.triggers.includes('departure')
              ? { met: !missing, what: 'hrDepartures' as const, message: 'HR resignations, terminations or directory snapshots showing departures' }
              : template.triggers.includes('dlpAlert')
                ? { met: !missing, what: 'dlpAlerts' as const, message: 'DLP alerts (or use the exfiltration-activity trigger)' }
                : { met: !missing, what: 'securityAlerts' as const, message: 'Endpoint security alerts' },
          ],
        };
      }),
    'policies.list': () => policies,
    'policies.get': (input) => requirePolicy(input.id),
    'policies.previewScope': (input) => {
      const unknown = [...input.scope.personKeys ?? [], ...(input.scope.exclude?.personKeys ?? [])].filter((key) => !knownKeys.has(key.toLowerCase()));
      const inScope = input.scope.everyone === false ? (input.scope.personKeys?.length ?? 0) - unknown.length + (input.scope.groupIds?.length ?? 0) * 5 : 40;
      return { inScope: Math.max(0, inScope), triggered: Math.min(3, Math.max(0, inScope)), unknownPersonKeys: unknown };
    },
    'policies.create': (input) => {
      const parsed = policyCreateInput.parse(input);
      if (nameTaken(parsed.name)) throw new ApiFailure('CONFLICT', `A policy named "${parsed.name}" already exists.`);
      const unknown = parsed.scope.personKeys.filter((key) => !knownKeys.has(key.toLowerCase()));
      if (unknown.length > 0) throw new ApiFailure('NOT_FOUND', `No person with key ${unknown.join(', ')}.`);
      const policy = policyOf(policies.reduce((max, other) => Math.max(max, other.id), 0) + 1, parsed);
      policies.push(policy);
      changed({ kind: 'policyCreated', name: policy.name });
      return policy;
    },
    'policies.update': (input) => {
      const before = requirePolicy(input.id);
      const parsed = policyUpdateInput.parse(input);
      const { id: _id, ...changes } = parsed;
      const merged = { ...definitionOf(before), ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) } as z.output<typeof policyCreateInput>;
      const after = policyOf(before.id, merged, before);
      policies.splice(policies.indexOf(before), 1, after);
      changed({ kind: 'policyChanged', name: after.name });
      return after;
    },
    'policies.setState': (input) => {
      const policy = requirePolicy(input.id);
      policy.state = input.state;
      changed({ kind: 'policyStateChanged', name: policy.name, state: input.state });
      return policy;
    },
    'policies.copy': (input) => {
      const source = requirePolicy(input.id);
      if (nameTaken(input.name)) throw new ApiFailure('CONFLICT', `A policy named "${input.name}" already exists.`);
      const copy = policyOf(policies.reduce((max, other) => Math.max(max, other.id), 0) + 1, { ...definitionOf(source), name: input.name });
      policies.push(copy);
      return copy;
    },
    'policies.delete': (input) => {
      const policy = requirePolicy(input.id);
      policies.splice(policies.indexOf(policy), 1);
      return { done: true };
    },
    'policies.addPersons': (input) => {
      const policy = requirePolicy(input.policyId);
      const ids = requirePersons(input.personIds ?? []);
      const unknownPersonKeys = (input.personKeys ?? []).filter((key) => !knownKeys.has(key.toLowerCase()));
      const now = context.now();
      const nextId = () => policies.flatMap((other) => other.manualAdditions).reduce((max, addition) => Math.max(max, addition.id), 0) + 1;
      for (const id of ids) {
        const person = persons.find((candidate) => candidate.id === id)!;
        policy.manualAdditions = [{ id: nextId(), person, addedAt: now, until: now + input.days * DAY, days: input.days, reason: input.reason, addedBy: context.accountName() }, ...policy.manualAdditions];
      }
      policy.stats = { ...policy.stats, manual: new Set(policy.manualAdditions.map((addition) => addition.person.id)).size };
      if (ids.length > 0) changed({ kind: 'personsAdded', name: policy.name });
      return { added: ids.length, unknownPersonKeys };
    },
    'policies.removePerson': (input) => {
      const policy = requirePolicy(input.policyId);
      if (!policy.manualAdditions.some((addition) => addition.person.id === input.personId)) throw new ApiFailure('NOT_FOUND', 'This person was not added to the policy by hand.');
      policy.manualAdditions = policy.manualAdditions.filter((addition) => addition.person.id !== input.personId);
      policy.stats = { ...policy.stats, manual: new Set(policy.manualAdditions.map((addition) => addition.person.id)).size };
      changed({ kind: 'personRemoved', name: policy.name });
      return { done: true };
    },
    'groups.list': (input) => groups.filter((group) => !input.kind || group.kind === input.kind),
    'groups.get': (input) => groupDetail(requireGroup(input.id)),
    'groups.create': (input) => {
      const viewerAccountIds = input.viewerAccountIds ?? [];
      const viewerRoleGroups = input.viewerRoleGroups ?? [];
      if (groups.some((group) => group.name === input.name)) throw new ApiFailure('CONFLICT', `A group named "${input.name}" already exists.`);
      if (input.kind === 'priority' && viewerAccountIds.length + viewerRoleGroups.length === 0) {
        throw new ApiFailure('INVALID_INPUT', 'A priority user group needs at least one account or role group that may view its members.');
      }
      const id = groups.reduce((max, group) => Math.max(max, group.id), 0) + 1;
      const members = new Set(requirePersons(input.personIds ?? []));
      groupMembers.set(id, members);
      const accounts = context.accounts().filter((account) => viewerAccountIds.includes(account.id)).map(({ id: accountId, name }) => ({ id: accountId, name }));
      const group = { id, name: input.name, kind: input.kind, members: members.size, viewers: { accounts, roleGroups: viewerRoleGroups }, usedBy: [] };
      groups.push(group);
      groups.sort((a, b) => a.name.localeCompare(b.name));
      changed({ kind: 'groupCreated', name: input.name });
      return group;
    },
    'groups.update': (input) => {
      const group = requireGroup(input.id);
      const members = groupMembers.get(group.id) ?? new Set<number>();
      for (const id of requirePersons(input.add?.personIds ?? [])) members.add(id);
      for (const id of input.remove?.personIds ?? []) members.delete(id);
      groupMembers.set(group.id, members);
      group.members = members.size;
      if (input.viewerRoleGroups !== undefined) {
        if (group.kind !== 'priority') throw new ApiFailure('INVALID_INPUT', 'Only priority user groups have viewers.');
        group.viewers = { ...group.viewers, roleGroups: input.viewerRoleGroups };
      }
      changed({ kind: 'groupChanged', name: group.name });
      return group;
    },
    'groups.delete': (input) => {
      const group = requireGroup(input.id);
      groups.splice(groups.indexOf(group), 1);
      groupMembers.delete(group.id);
      const paused = policies.filter((policy) => group.usedBy.some((user) => user.id === policy.id));
      for (const policy of paused) policy.state = 'paused';
      changed({ kind: 'groupDeleted', name: group.name });
      return { pausedPolicies: paused.map((policy) => policy.id) };
    },
    'persons.list': (input) => {
      const text = input.text?.trim().toLowerCase();
      const matching = persons.filter((person) => !text || [person.displayName, person.title, person.region, person.businessUnit].some((field) => field?.toLowerCase().includes(text)));
      return { persons: matching.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 100)), total: matching.length };
    },
    'scoring.status': () => ({
      needsFull: scoring.needsFull,
      reason: scoring.reasonFacts && describeScoringReason(scoring.reasonFacts),
      reasonFacts: scoring.reasonFacts,
      runs: scoring.runs,
    }),
    'scoring.run': (input) => {
      const run = {
        id: scoring.runs.length + 1,
        kind: input.full ? ('full' as const) : ('incremental' as const),
        state: 'succeeded' as const,
        // As the backend records it: the run's start and, 1.5 s later (its `seconds`), its end.
        startedAt: context.now() - 1500,
        finishedAt: context.now(),
        persons: 40,
        alertsCreated: 2,
        alertsUpdated: 1,
        alertsRemoved: 0,
        error: null,
      };
      scoring.runs.unshift(run);
      scoring.reasonFacts = null;
      scoring.needsFull = false;
      return { ...run, jobId: `scoring-job-${run.id}`, seconds: 1.5 };
    },
    'settings.list': () => ({ settings: [...settings.values()] }),
    'settings.get': (input) => {
      const setting = settings.get(input.key);
      if (!setting) throw new ApiFailure('NOT_FOUND', `No setting named "${input.key}"; settings.list shows every key.`);
      return setting;
    },
    'settings.set': (input) => {
      if (input.key === 'privacy.anonymization') throw new ApiFailure('INVALID_INPUT', 'Anonymization has its own method (settings.setAnonymization): it needs a reason and your password.');
      return writeSetting(input.key, input.value);
    },
    'settings.reset': (input) => writeSetting(input.key, settings.get(input.key)?.defaultValue),
    'settings.setAnonymization': (input) => {
      if (!input.enabled && !input.reason) throw new ApiFailure('INVALID_INPUT', 'Turning anonymization off needs a reason (it is recorded in the audit log).');
      anonymization.enabled = input.enabled;
      const setting = settings.get('privacy.anonymization')!;
      settings.set('privacy.anonymization', { ...setting, value: input.enabled, isDefault: input.enabled });
      return { enabled: input.enabled };
    },
    'settings.organisationDomains': () => {
      const configured = settings.get('organisation.domains')!.value as string[];
      const detected = [{ domain: 'contoso.com', persons: 38, share: 0.95 }];
      return { configured, detected, effective: configured.length > 0 ? configured : detected.map((row) => row.domain) };
    },
    'imports.browse': (input) => {
      const path = (input.path ?? FAKE_HOME).replace(/\/$/, '') || '/';
      const prefix = path === '/' ? '/' : `${path}/`;
      const entries = new Map<string, MethodOutput<'imports.browse'>['entries'][number]>();
      for (const file of files.values()) {
        if (!file.path.startsWith(prefix)) continue;
        const [name, ...rest] = file.path.slice(prefix.length).split('/');
        const full = `${prefix}${name}`;
        if (rest.length > 0) entries.set(full, { name: name!, path: full, kind: 'folder', size: null, modifiedAt: null });
        else entries.set(full, { name: name!, path: full, kind: 'file', size: file.size, modifiedAt: Date.UTC(2026, 0, 2) });
      }
      if (entries.size === 0 && path !== FAKE_HOME && ![...files.keys()].some((key) => key.startsWith(prefix))) {
        throw new ApiFailure('NOT_FOUND', `${path} does not exist or cannot be read.`);
      }
      const parent = path === '/' ? null : path.slice(0, path.lastIndexOf('/')) || '/';
      return {
        path,
        parent,
        entries: [...entries.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1)),
      };
    },
    'imports.loadDemo': () => {
      jobs += 1;
      return { jobId: `demo-job-${jobs}` };
    },
    'imports.preview': (input) => {
      const previews = resolve(input.paths);
      return {
        format: kindOf(previews, input.format),
        files: previews,
        totalSize: previews.reduce((sum, file) => sum + file.size, 0),
        problems: previews.filter((file) => file.problem).map((file) => `${file.name}: ${file.problem}`),
      };
    },
    'imports.start': (input) => startImport({ paths: input.paths, format: input.format, onError: input.onError ?? 'stop', reimport: input.reimport ?? false, utcOffsetMinutes: input.utcOffsetMinutes ?? 0 }, null),
    'imports.cancel': (input) => {
      const entry = requireImport(input.id);
      return { cancelled: entry.state === 'running' };
    },
    'imports.list': (input) => {
      const matching = [...imports].reverse().filter((entry) => !input.state || entry.state === input.state);
      const offset = input.offset ?? 0;
      return {
        imports: matching.slice(offset, offset + (input.limit ?? 100)).map(({ utcOffsetMinutes: _u, reimport: _r, formatOverride: _f, filesDetail: _d, problems: _p, problemsTotal: _t, mergeMs: _m, timings: _i, progress: _g, ...summary }) => summary),
        total: matching.length,
      };
    },
    'imports.get': (input) => requireImport(input.id),
    'imports.rejects': (input) => {
      requireImport(input.id);
      const found = rejects.get(input.id);
      if (!found) throw new ApiFailure('NOT_FOUND', `Import ${input.id} has no rejects file.`);
      return found;
    },
    'imports.retry': (input) => {
      const entry = requireImport(input.id);
      if (entry.state === 'running') throw new ApiFailure('INVALID_STATE', `Import ${input.id} is still running.`);
      return startImport(
        {
          paths: entry.sources,
          format: entry.formatOverride ?? undefined,
          onError: input.onError ?? entry.onError,
          reimport: input.reimport ?? entry.reimport,
          utcOffsetMinutes: entry.utcOffsetMinutes,
        },
        entry.id,
      );
    },
  };
  return { world, handlers };
}
