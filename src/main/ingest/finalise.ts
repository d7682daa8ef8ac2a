/**
 * Finalisation of the staging database before the merge (outside the write lock): the
 * organisation's domains, the `external` flag and recipient domain of e-mails, shares and
 * forwarding rules, and DLP matches withdrawn by a later DlpRuleUndo in the same import. (Departures
 * from roster snapshots are derived at merge, against every stored snapshot: departures.ts.)
 */
import type { ActivityKind } from '../../shared/signals';
import { ACTIVITY_KIND_CODES } from './activityWriter';
import { domainOfEmail, isOrganisationDomain, splitAddresses, type Tally } from './identity';
import type { ImportObservations } from './reading';
import type { Staging } from './staging';

/** Share of roster/HR e-mails a domain needs to count as the organisation's own. */
export const PERSON_DOMAIN_SHARE = 0.1;
/** Share of senders (CERT `from`) or M365 accounts the most common domain needs. */
export const TOP_DOMAIN_SHARE = 0.2;

/**
 * The organisation's domains this import shows: every roster/HR e-mail domain used by at least 10%
 * of those persons, the most common sender domain and the most common M365 account domain (each
 * when at least 20% use it).
 */
export function detectOrganisationDomains(observations: ImportObservations): string[] {
  const found = new Set<string>();
  const people = observations.personDomains.ranked();
  const total = observations.personDomains.total;
  for (const { value, count } of people) if (count >= Math.max(1, total * PERSON_DOMAIN_SHARE)) found.add(value);
  const top = (tally: Tally) => {
    const [first] = tally.ranked();
    if (first && first.count >= tally.total * TOP_DOMAIN_SHARE) found.add(first.value);
  };
  top(observations.senderDomains);
  top(observations.accountDomains);
  return [...found].sort();
}

/** The staging code of an activity kind. */
function code(kind: ActivityKind): number {
  return ACTIVITY_KIND_CODES.indexOf(kind);
}

/** Recipient kinds whose external flag and domain come from their recipients. */
const RECIPIENT_KINDS = `(${(['emailSend', 'externalShare', 'internalShare', 'mailForwardRule', 'inboxRule'] as ActivityKind[]).map(code).join(', ')})`;

/** Sets external and domain from recipients, and re-kinds internal e-mails, shares and rules (activities attached as `acts`); one pass each over the table. */
export function markExternalRecipients(staging: Staging, organisation: readonly string[]): void {
  const db = staging.db;
  const external = (recipients: string | null): number | null => {
    if (organisation.length === 0) return null;
    const addresses = splitAddresses(recipients);
    if (addresses.length === 0) return null;
    return addresses.some((address) => !isOrganisationDomain(domainOfEmail(address) ?? '', organisation)) ? 1 : 0;
  };
  const recipientDomain = (recipients: string | null): string | null => {
    const domains = splitAddresses(recipients).map((address) => domainOfEmail(address) ?? '');
    return domains.find((domain) => organisation.length > 0 && !isOrganisationDomain(domain, organisation)) ?? domains[0] ?? null;
  };
  db.function('irm_external', { deterministic: true }, (value: unknown) => external(typeof value === 'string' ? value : null));
  db.function('irm_recipient_domain', { deterministic: true }, (value: unknown) =>
    recipientDomain(typeof value === 'string' ? value : null),
  );
  staging.begin();
  db.exec(`
    UPDATE acts.activities SET
      external = coalesce(external, irm_external(recipients)),
      domain = CASE WHEN kind IN ${RECIPIENT_KINDS} THEN coalesce(irm_recipient_domain(recipients), domain) ELSE domain END
    WHERE recipients IS NOT NULL;
    UPDATE acts.activities SET kind = CASE
        WHEN kind = ${code('emailSend')} AND external = 0 THEN ${code('emailSendInternal')}
        WHEN kind = ${code('externalShare')} AND external = 0 THEN ${code('internalShare')}
        WHEN kind = ${code('internalShare')} AND external = 1 THEN ${code('externalShare')}
        WHEN kind = ${code('mailForwardRule')} AND external = 0 THEN ${code('inboxRule')}
        ELSE kind END
      WHERE kind IN (${code('emailSend')}, ${code('externalShare')}, ${code('internalShare')}, ${code('mailForwardRule')});`);
  staging.flush();
}

/** Withdraws staged DLP matches that a later DlpRuleUndo of the same object (and policy) undid. */
export function withdrawUndoneMatches(staging: Staging): void {
  staging.begin();
  staging.db.exec(`
    UPDATE alerts SET withdrawn = 1, withdrawn_time = (
      SELECT min(u.time) FROM dlp_undos u
      WHERE u.target = alerts.target AND (u.policy_id IS NULL OR u.policy_id = alerts.policy_id) AND u.time >= alerts.time)
    WHERE source = 'dlp' AND target IS NOT NULL AND EXISTS (
      SELECT 1 FROM dlp_undos u
      WHERE u.target = alerts.target AND (u.policy_id IS NULL OR u.policy_id = alerts.policy_id) AND u.time >= alerts.time)`);
  staging.flush();
}
