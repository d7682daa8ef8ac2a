/** Identifiers, addresses, hosts and organisation domains as the importers normalise them. */

const EMAIL = /^[^\s@<>;,"]+@[^\s@<>;,"]+\.[^\s@<>;,"]+$/;

/** The address inside `Name <addr@x>` or the text itself, trimmed and lower-cased; null if not an address. */
export function normaliseEmail(text: string | null | undefined): string | null {
  if (!text) return null;
  let value = text.trim();
  const angle = /<([^<>]+)>\s*$/.exec(value);
  if (angle) value = angle[1]!.trim();
  if (value.toLowerCase().startsWith('mailto:')) value = value.slice(7);
  value = value.replace(/^['"]|['"]$/g, '');
  return EMAIL.test(value) ? value.toLowerCase() : null;
}

/** True when the text looks like an e-mail address or UPN. */
export function isEmail(text: string): boolean {
  return normaliseEmail(text) !== null;
}

/** The domain of an address (lower-case), or null. */
export function domainOfEmail(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at === -1 ? null : address.slice(at + 1).toLowerCase();
}

/** Splits a recipient list (`;` or `,` separated, `Name <addr>` allowed) into normalised addresses. */
export function splitAddresses(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const part of text.split(/[;,]/)) {
    const address = normaliseEmail(part);
    if (address && !out.includes(address)) out.push(address);
  }
  return out;
}

/** The host of a URL (lower-case, without credentials, port or a trailing dot); accepts URLs without a scheme. */
export function hostOfUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let start = url.indexOf('//');
  start = start === -1 ? 0 : start + 2;
  let end = url.length;
  // Fast path (millions of web rows): a host of lower-case letters, digits, dots and hyphens.
  let simple = true;
  for (let k = start; k < url.length; k += 1) {
    const c = url.charCodeAt(k);
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      end = k;
      break;
    }
    if (simple && !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45)) simple = false;
  }
  if (simple && end > start && url.charCodeAt(end - 1) !== 46) return url.slice(start, end);
  let host = url.slice(start, end);
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !host.includes(']')) host = host.slice(0, colon);
  host = host.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.length > 0 && /^[a-z0-9.[\]:_-]+$/.test(host) ? host : null;
}

/** True when `domain` is one of `organisation` or a subdomain of one. */
export function isOrganisationDomain(domain: string, organisation: readonly string[]): boolean {
  for (const own of organisation) {
    if (domain === own || domain.endsWith(`.${own}`)) return true;
  }
  return false;
}

/** The last path segment of a file path or URL (Windows or POSIX separators). */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut === -1 ? path : path.slice(cut + 1);
}

/** The lower-case extension of a file name without the dot, or null. */
export function extensionOf(name: string): string | null {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot <= 0 || dot === base.length - 1 ? null : base.slice(dot + 1).toLowerCase();
}

/** Counts values in a bounded tally (used to find the organisation's most common domains). */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(value: string | null | undefined, by = 1): void {
    if (!value) return;
    if (!this.counts.has(value) && this.counts.size >= 10_000) return;
    this.counts.set(value, (this.counts.get(value) ?? 0) + by);
  }

  /** Values by count, most common first (ties by name, so the result is deterministic). */
  ranked(): { value: string; count: number }[] {
    return [...this.counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }
}
