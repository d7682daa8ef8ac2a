/**
 * Microsoft 365 HR connector CSVs: one scenario per file (resignation, job level change, performance
 * review, improvement plan, employee profile) or several in one file with an `HRScenario` column.
 * Column order is free, extra columns are kept (event detail or person attributes), dates are ISO
 * 8601 in any of its shapes. Demotions and poor ratings are recognised as described below.
 */
import type { HrEventKind } from '../../../shared/signals';
import { normaliseEmail, domainOfEmail } from '../identity';
import { Columns, RowProblem, cell, forEachCsvRecord, type CsvRowHandler, type FileContext } from '../reading';
import { parseIsoTime } from '../time';

/** HR scenarios and the layouts they are detected as. */
export type HrScenario = 'resignation' | 'termination' | 'jobLevelChange' | 'performanceReview' | 'improvementPlan' | 'profile';

/** Longest remark and rating accepted (the connector's limits are 200 and 25; looser here, but bounded). */
export const MAX_REMARKS = 2000;
export const MAX_RATING = 200;

const SCENARIO_NAMES: Record<string, HrScenario> = {
  resignation: 'resignation',
  termination: 'termination',
  joblevelchange: 'jobLevelChange',
  performancereview: 'performanceReview',
  performanceimprovementplan: 'improvementPlan',
  improvementplan: 'improvementPlan',
  employeeprofile: 'profile',
};

/** The scenario named by an `HRScenario` value, or null. */
export function scenarioOf(value: string): HrScenario | null {
  return SCENARIO_NAMES[value.toLowerCase().replace(/[\s_-]/g, '')] ?? null;
}

/** Columns each scenario reads (everything else is kept as extra detail). */
const KNOWN_COLUMNS = [
  'HRScenario',
  'EmailAddress',
  'ResignationDate',
  'LastWorkingDate',
  'TerminationDate',
  'EffectiveDate',
  'OldLevel',
  'NewLevel',
  'Remarks',
  'Rating',
  'ImprovementRemarks',
  'PerformanceRating',
  'UserName',
  'EmployeeFirstName',
  'EmployeeLastName',
  'EmployeeDept',
  'EmployeeDepartment',
  'EmployeeRole',
  'EmployeeCountry',
].map(Columns.key);

const TITLE_RANKS: [RegExp, number][] = [
  [/\b(chief|ceo|cfo|cio|cto|ciso|coo)\b/i, 12],
  [/\b(svp|evp|senior vice president|executive vice president)\b/i, 11],
  [/\b(vp|vice president)\b/i, 10],
  [/\b(senior|sr\.?)\s*director\b/i, 9],
  [/\bdirector\b/i, 8],
  [/\b(senior|sr\.?)\s*manager\b/i, 7],
  [/\bmanager\b/i, 6],
  [/\b(lead|principal|staff)\b/i, 5],
  [/\b(senior|sr\.?)\b/i, 4],
  [/\b(junior|jr\.?|associate|assistant)\b/i, 2],
  [/\b(intern|trainee|apprentice)\b/i, 1],
];

/** A level's number (`Level 61 - Sr. Manager` → 61, `L5`, `Grade 7`, `Band 3`), or null. */
export function levelNumber(level: string | null): number | null {
  if (!level) return null;
  const match = /(?:level|grade|band|\bl|\bg)\s*-?\s*(\d{1,4})/i.exec(level) ?? /^\s*(\d{1,4})\b/.exec(level);
  return match ? Number(match[1]) : null;
}

function titleRank(level: string | null): number | null {
  if (!level) return null;
  for (const [pattern, rank] of TITLE_RANKS) if (pattern.test(level)) return rank;
  return null;
}

/**
 * Is a job level change a demotion? Remarks saying "demot…" or "promot…" decide; else the level
 * numbers (a lower number is a lower level: `Level 61 - Sr. Manager` → `Level 60 - Manager`); else
 * title seniority (intern < junior < senior < lead < manager < senior manager < director < VP < chief).
 * Null when nothing tells.
 */
export function isDemotion(oldLevel: string | null, newLevel: string | null, remarks: string | null): boolean | null {
  if (remarks && /\bdemot/i.test(remarks)) return true;
  if (remarks && /\bpromot/i.test(remarks)) return false;
  const before = levelNumber(oldLevel);
  const after = levelNumber(newLevel);
  if (before !== null && after !== null && before !== after) return after < before;
  const rankBefore = titleRank(oldLevel);
  const rankAfter = titleRank(newLevel);
  if (rankBefore !== null && rankAfter !== null && rankBefore !== rankAfter) return rankAfter < rankBefore;
  return before !== null && after !== null ? false : null;
}

/**
 * Is a rating poor? Words decide first ("below", "poor", "unsatisfactory", "needs improvement",
 * "does not meet", "underperform…" → poor; "meets", "exceeds", "above", "outstanding", "good" → not);
 * then a leading number on a 1–5 scale (or `n/m`): poor when at most 40% of the scale (1 or 2 of 5).
 * Null when the rating is empty or says nothing either way.
 */
export function isPoorRating(rating: string | null): boolean | null {
  if (!rating) return null;
  if (
    /(below|poor|unsatisf|needs?\s+improvement|does\s+not\s+meet|did\s+not\s+meet|not\s+met|inadequate|underperform|low\s+perform|unacceptable)/i.test(
      rating,
    )
  )
    return true;
  if (/(meets|met\b|exceed|above|outstanding|excellent|good|strong|satisfactory|successful)/i.test(rating)) return false;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:(?:\/|of|out of)\s*(\d+))?/i.exec(rating);
  if (!match) return null;
  const value = Number(match[1]);
  const scale = match[2] ? Number(match[2]) : 5;
  if (scale <= 0 || value > scale) return null;
  return value / scale <= 0.4;
}

/** Detects a single-scenario HR layout from a header (null when it is not an HR connector file). */
export function detectHrLayout(columns: Columns, fileName: string): { layout: string; description: string } | null {
  if (!columns.has('EmailAddress')) return null;
  if (columns.has('HRScenario'))
    return { layout: 'hr.multi', description: 'HR connector, several scenarios (HRScenario column)' };
  if (columns.has('ResignationDate')) return { layout: 'hr.resignation', description: 'HR connector: resignations' };
  if (columns.has('TerminationDate')) return { layout: 'hr.termination', description: 'HR connector: terminations' };
  if (columns.has('OldLevel') || columns.has('NewLevel'))
    return { layout: 'hr.jobLevelChange', description: 'HR connector: job level changes' };
  if (columns.has('ImprovementRemarks') || columns.has('PerformanceRating'))
    return { layout: 'hr.improvementPlan', description: 'HR connector: performance improvement plans' };
  if (columns.has('EffectiveDate') && (columns.has('Rating') || columns.has('Remarks'))) {
    // Some sources write a plan with `Remarks, Rating`: only the file name tells it from a review.
    if (/improvement|\bpip\b|_pip|pip_/i.test(fileName))
      return { layout: 'hr.improvementPlan', description: 'HR connector: performance improvement plans (by file name)' };
    return { layout: 'hr.performanceReview', description: 'HR connector: performance reviews' };
  }
  if (columns.has('EmployeeFirstName', 'EmployeeLastName', 'UserName', 'EmployeeDept', 'EmployeeDepartment', 'EmployeeRole')) {
    return { layout: 'hr.profile', description: 'HR connector: employee profiles' };
  }
  return null;
}

/** How HR columns map onto the workbench (for the preview). */
export function hrColumnTarget(column: string): string | null {
  const key = Columns.key(column);
  const targets: Record<string, string> = {
    hrscenario: 'HR event kind',
    emailaddress: 'person (e-mail)',
    resignationdate: 'HR event time',
    terminationdate: 'HR event time',
    effectivedate: 'HR event time',
    lastworkingdate: 'last working day',
    oldlevel: 'old level',
    newlevel: 'new level (demotion detected)',
    remarks: 'remarks',
    improvementremarks: 'remarks',
    rating: 'rating (poor rating detected)',
    performancerating: 'rating (poor rating detected)',
    username: 'person (user name)',
    employeefirstname: 'person display name',
    employeelastname: 'person display name',
    employeedept: 'person department',
    employeedepartment: 'person department',
    employeerole: 'person title',
    employeecountry: 'person country',
  };
  return targets[key] ?? 'kept as attribute';
}

/** The first of these columns that is filled in the row (else the first column). */
function pickFilled(fields: string[], indexes: number[]): number {
  for (const index of indexes) if (cell(fields, index) !== null) return index;
  return indexes[0]!;
}

const SCENARIO_EVENT: Record<Exclude<HrScenario, 'profile'>, HrEventKind> = {
  resignation: 'resignation',
  termination: 'termination',
  jobLevelChange: 'jobLevelChange',
  performanceReview: 'performanceReview',
  improvementPlan: 'improvementPlan',
};

/** Reads an HR connector file of any layout. */
export async function parseHrFile(context: FileContext): Promise<void> {
  const fixed: HrScenario | null = context.file.layout === 'hr.multi' ? null : (context.file.layout.slice(3) as HrScenario);
  await forEachCsvRecord(context, (header) => buildHrHandler(context, new Columns(header), fixed));
}

function buildHrHandler(context: FileContext, columns: Columns, fixed: HrScenario | null): CsvRowHandler {
  const { staging, fileId } = context;
  const offset = context.utcOffsetMinutes;
  const at = {
    scenario: columns.index('HRScenario'),
    email: columns.index('EmailAddress'),
    resignation: columns.index('ResignationDate'),
    termination: columns.index('TerminationDate'),
    lastWorking: columns.index('LastWorkingDate'),
    effective: columns.index('EffectiveDate'),
    oldLevel: columns.index('OldLevel'),
    newLevel: columns.index('NewLevel'),
    remarks: columns.index('Remarks'),
    rating: columns.index('Rating'),
    planRemarks: columns.index('ImprovementRemarks'),
    planRating: columns.index('PerformanceRating'),
    userName: columns.index('UserName'),
    first: columns.index('EmployeeFirstName'),
    last: columns.index('EmployeeLastName'),
    department: columns.index('EmployeeDept', 'EmployeeDepartment'),
    role: columns.index('EmployeeRole'),
    country: columns.index('EmployeeCountry'),
  };
  if (at.email === -1) throw new RowProblem('EmailAddress', 'the header has no EmailAddress column');
  if (fixed === null && at.scenario === -1) throw new RowProblem('HRScenario', 'the header has no HRScenario column');
  // Date columns in header order, for multi-scenario rows that put a date wherever it fits.
  const dateColumns = columns.header
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => /date$/i.test(name.trim()))
    .map(({ index }) => index);
  const extraColumns = columns.header
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => name.length > 0 && !KNOWN_COLUMNS.includes(Columns.key(name)));

  const time = (fields: string[], index: number, required: boolean): number | null => {
    const value = cell(fields, index);
    if (value === null) {
      if (required) throw new RowProblem(index >= 0 ? columns.name(index) : 'date', 'missing date');
      return null;
    }
    const parsed = parseIsoTime(value, offset);
    if (Number.isNaN(parsed))
      throw new RowProblem(
        columns.name(index),
        `not a date: ${JSON.stringify(value)} (expected ISO 8601, e.g. 2019-04-23 or 2019-04-23T15:18:02Z)`,
      );
    return parsed;
  };
  const bounded = (fields: string[], index: number, limit: number): string | null => {
    const value = cell(fields, index);
    if (value !== null && value.length > limit) throw new RowProblem(columns.name(index), `longer than ${limit} characters`);
    return value;
  };
  /** The scenario's own date column if filled, else the first date present in the row. */
  const eventTime = (fields: string[], own: number): number => {
    if (cell(fields, own) !== null) return time(fields, own, true)!;
    if (fixed !== null) return time(fields, own, true)!;
    for (const index of dateColumns) if (cell(fields, index) !== null) return time(fields, index, true)!;
    throw new RowProblem(own >= 0 ? columns.name(own) : 'date', 'missing date (no date column is filled)');
  };

  return (fields, line) => {
    let scenario = fixed;
    if (scenario === null) {
      const value = cell(fields, at.scenario);
      if (value === null) throw new RowProblem(columns.name(at.scenario), 'missing scenario');
      scenario = scenarioOf(value);
      if (scenario === null) {
        throw new RowProblem(
          columns.name(at.scenario),
          `unknown scenario ${JSON.stringify(value)} (expected Resignation, Job level change, Performance review, Performance improvement plan or Employee profile)`,
        );
      }
    }
    const rawEmail = cell(fields, at.email);
    if (rawEmail === null) throw new RowProblem(columns.name(at.email), 'missing e-mail address');
    const email = normaliseEmail(rawEmail);
    if (email === null) throw new RowProblem(columns.name(at.email), `not an e-mail address: ${JSON.stringify(rawEmail)}`);
    const ref = staging.ref('email', email);
    context.observations.personDomains.add(domainOfEmail(email));
    const extras: Record<string, string> = {};
    for (const { name, index } of extraColumns) {
      const value = cell(fields, index);
      if (value !== null) extras[name] = value;
    }

    if (scenario === 'profile') {
      const userName = cell(fields, at.userName);
      const first = cell(fields, at.first);
      const last = cell(fields, at.last);
      const displayName = [first, last].filter(Boolean).join(' ') || null;
      staging.personDefinition({
        ref,
        email,
        upn: userName && normaliseEmail(userName) ? normaliseEmail(userName) : null,
        sam: userName && !normaliseEmail(userName) ? userName : null,
        displayName,
        department: cell(fields, at.department),
        title: cell(fields, at.role),
        country: cell(fields, at.country),
        fileId,
        line,
      });
      for (const [name, value] of Object.entries(extras)) staging.attribute(ref, name, value, fileId, line);
      return;
    }

    const kind = SCENARIO_EVENT[scenario];
    // A plan's own columns are ImprovementRemarks/PerformanceRating; other scenarios use Remarks/Rating.
    const plan = scenario === 'improvementPlan';
    const remarksColumn = pickFilled(fields, plan ? [at.planRemarks, at.remarks] : [at.remarks, at.planRemarks]);
    const ratingColumn = pickFilled(fields, plan ? [at.planRating, at.rating] : [at.rating, at.planRating]);
    const remarks = bounded(fields, remarksColumn, MAX_REMARKS);
    const rating = bounded(fields, ratingColumn, MAX_RATING);
    if (scenario === 'resignation' || scenario === 'termination') {
      const own = scenario === 'resignation' ? at.resignation : at.termination;
      staging.hrEvent({
        ref,
        kind,
        time: eventTime(fields, own >= 0 ? own : at.lastWorking),
        lastWorkingTime: time(fields, at.lastWorking, false),
        remarks,
        detail: extras,
        fileId,
        line,
      });
      return;
    }
    const oldLevel = scenario === 'jobLevelChange' ? bounded(fields, at.oldLevel, MAX_RATING) : null;
    const newLevel = scenario === 'jobLevelChange' ? bounded(fields, at.newLevel, MAX_RATING) : null;
    if (scenario === 'jobLevelChange' && oldLevel === null && newLevel === null) {
      throw new RowProblem(
        at.newLevel >= 0 ? columns.name(at.newLevel) : 'NewLevel',
        'missing level (neither OldLevel nor NewLevel is filled)',
      );
    }
    staging.hrEvent({
      ref,
      kind,
      time: eventTime(fields, at.effective),
      oldLevel,
      newLevel,
      demotion: scenario === 'jobLevelChange' ? isDemotion(oldLevel, newLevel, remarks) : null,
      rating,
      poorRating: scenario === 'jobLevelChange' ? null : isPoorRating(rating),
      remarks,
      detail: extras,
      fileId,
      line,
    });
  };
}
