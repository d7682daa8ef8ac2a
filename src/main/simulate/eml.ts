/**
 * RFC 5322 / MIME messages as mail clients save them (.eml): multipart/mixed with a
 * multipart/alternative text and HTML body, base64 attachments, quoted-printable text and
 * encoded words for non-ASCII headers; plus the small attachments themselves (CSV, text, PDF).
 */
import { rfc5322Date } from './calendar';

/** A mailbox: display name and address. */
export interface Mailbox {
  name?: string;
  address: string;
}

/** A file attached to a message. */
export interface Attachment {
  name: string;
  contentType: string;
  data: Buffer;
}

/** What an .eml carries. */
export interface MailMessage {
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  subject: string;
  /** UTC instant sent, and the sender's offset for the Date header. */
  time: number;
  offsetMinutes: number;
  messageId: string;
  text: string;
  html?: string;
  attachments: Attachment[];
  /** Transfer encoding of the text parts. */
  bodyEncoding: 'quoted-printable' | 'base64';
  boundary: string;
  extraHeaders?: [string, string][];
}

const NON_ASCII = /[^\x20-\x7e]/;

/** Encodes a header value as an RFC 2047 encoded word when it is not plain ASCII. */
export function encodeWord(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return mailbox.address;
  const name = NON_ASCII.test(mailbox.name) ? encodeWord(mailbox.name) : /[(),.:;<>@[\]"]/.test(mailbox.name) ? `"${mailbox.name.replace(/"/g, '\\"')}"` : mailbox.name;
  return `${name} <${mailbox.address}>`;
}

function foldAddresses(name: string, mailboxes: Mailbox[]): string {
  return `${name}: ${mailboxes.map(formatMailbox).join(',\r\n ')}`;
}

/** Base64 in lines of 76 characters. */
export function base64Lines(data: Buffer): string {
  const encoded = data.toString('base64');
  const lines: string[] = [];
  for (let offset = 0; offset < encoded.length; offset += 76) lines.push(encoded.slice(offset, offset + 76));
  return lines.join('\r\n');
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines of at most 76 characters, CRLF line ends. */
export function quotedPrintable(text: string): string {
  const output: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    let current = '';
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index]!;
      const last = index === bytes.length - 1;
      let token: string;
      if ((byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last)) token = String.fromCharCode(byte);
      else token = `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      if (current.length + token.length > 75) {
        output.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    output.push(current);
  }
  return output.join('\r\n');
}

function encodeBody(text: string, encoding: MailMessage['bodyEncoding']): string {
  return encoding === 'base64' ? base64Lines(Buffer.from(text, 'utf8')) : quotedPrintable(text);
}

function attachmentFilename(name: string): string {
  if (!NON_ASCII.test(name)) return `filename="${name}"`;
  return `filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Builds the .eml text of a message (CRLF line ends). */
export function buildEml(message: MailMessage): string {
  const lines: string[] = [];
  lines.push(`From: ${formatMailbox(message.from)}`);
  lines.push(foldAddresses('To', message.to));
  if (message.cc.length > 0) lines.push(foldAddresses('Cc', message.cc));
  lines.push(`Subject: ${encodeWord(message.subject)}`);
  lines.push(`Date: ${rfc5322Date(message.time, message.offsetMinutes)}`);
  lines.push(`Message-ID: ${message.messageId}`);
  for (const [name, value] of message.extraHeaders ?? []) lines.push(`${name}: ${value}`);
  lines.push('MIME-Version: 1.0');
  const alternativeBoundary = `alt_${message.boundary}`;
  const textPart = [`Content-Type: text/plain; charset="utf-8"`, `Content-Transfer-Encoding: ${message.bodyEncoding}`, '', encodeBody(message.text, message.bodyEncoding)];
  const bodyPart: string[] = message.html
    ? [
        `Content-Type: multipart/alternative; boundary="${alternativeBoundary}"`,
        '',
        `--${alternativeBoundary}`,
        ...textPart,
        `--${alternativeBoundary}`,
        `Content-Type: text/html; charset="utf-8"`,
        `Content-Transfer-Encoding: ${message.bodyEncoding}`,
        '',
        encodeBody(message.html, message.bodyEncoding),
        `--${alternativeBoundary}--`,
      ]
    : textPart;
  if (message.attachments.length === 0) {
    lines.push(...bodyPart);
  } else {
    lines.push(`Content-Type: multipart/mixed; boundary="${message.boundary}"`, '', 'This is a multi-part message in MIME format.', '', `--${message.boundary}`);
    lines.push(...bodyPart);
    for (const attachment of message.attachments) {
      lines.push(`--${message.boundary}`);
      lines.push(`Content-Type: ${attachment.contentType}; name="${encodeWord(attachment.name)}"`);
      lines.push(`Content-Disposition: attachment; ${attachmentFilename(attachment.name)}`);
      lines.push('Content-Transfer-Encoding: base64', '', base64Lines(attachment.data));
    }
    lines.push(`--${message.boundary}--`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A minimal, valid one-page PDF showing these lines of text (Helvetica, ASCII). */
export function buildPdf(title: string, textLines: readonly string[]): Buffer {
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const content = ['BT', '/F1 16 Tf', '72 740 Td', `(${escape(title)}) Tj`, '/F1 10 Tf', '14 TL', 'T*', ...textLines.slice(0, 48).map((line) => `(${escape(line)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Title (${escape(title)}) /Producer (Microsoft: Print To PDF) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
