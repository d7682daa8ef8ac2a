/** The import preview while anonymization is on: identity columns and e-mail addresses pseudonymized. */
import type { FilePreview } from '../../shared/contract/imports';
import { pseudonymFor } from './pseudonyms';

const EMAIL_IN_TEXT = /[^\s"'<>,;:()[\]{}\\]+@[^\s"'<>,;:()[\]{}\\]+\.[a-z]{2,}/gi;
const IDENTITY_KEYS =
  /("(?:userPrincipalName|accountName|displayName|UserId|UserKey|MailboxOwnerUPN|senderEmail|employee_name)"\s*:\s*")([^"]*)(")/g;

/** Pseudonymizes identity columns and any e-mail address in a preview (anonymization on). */
export function maskPreview(preview: FilePreview, secret: Buffer): FilePreview {
  const pseudo = (value: string) => pseudonymFor(secret, value.trim().toLowerCase());
  const identity = preview.columns.map(
    (column) => column.target !== null && /^(person|manager|recipients|sender)/.test(column.target),
  );
  const maskCell = (value: string, index: number) => {
    if (identity[index] && value.trim().length > 0) {
      // A list of addresses (recipients) gets one pseudonym per address; a name is one identity even
      // with a comma in it ("Vance, Uma", "Uma Vance, Jr.").
      if (!value.includes('@')) return pseudo(value);
      return value
        .split(/([;,])/)
        .map((part) => (part === ';' || part === ',' || part.trim() === '' ? part : pseudo(part)))
        .join('');
    }
    return value
      .replace(IDENTITY_KEYS, (_, start: string, inner: string, end: string) => `${start}${inner ? pseudo(inner) : ''}${end}`)
      .replace(EMAIL_IN_TEXT, (match) => pseudo(match));
  };
  return { ...preview, sample: { header: preview.sample.header, rows: preview.sample.rows.map((row) => row.map(maskCell)) } };
}
