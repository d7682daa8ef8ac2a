/**
 * Content extraction for the content explorer: e-mails (.eml via postal-mime, .msg via msgreader,
 * with attachments and embedded messages), PDF text (pdfjs-dist legacy build), Office Open XML text
 * (docx, xlsx, pptx: their XML parts read with yauzl), plain text, and any other file as an opaque
 * blob. Everything is hostile input: sizes, nesting and zip expansion are bounded; a file that
 * cannot be parsed is kept as a blob with a note saying why.
 */
import { createHash } from 'node:crypto';
import PostalMime, { type Address } from 'postal-mime';
import MsgReader, { type FieldsData } from '@kenjiuno/msgreader';
import yauzl from 'yauzl';
import { decodeLenient } from '../text';
import { extensionOf, normaliseEmail } from '../identity';

/** Files larger than this are stored as blobs without extracting text. */
export const MAX_EXTRACT_BYTES = 64 * 1024 * 1024;
/** Text kept per item for search. */
export const MAX_TEXT_CHARS = 1_000_000;
/** Attachments read per message, and how deep messages may nest. */
export const MAX_ATTACHMENTS = 200;
export const MAX_DEPTH = 3;
/** Office parts read per document (uncompressed bytes). */
const MAX_OFFICE_PART_BYTES = 32 * 1024 * 1024;
const MAX_PDF_PAGES = 2000;

/** Content item classes of the content explorer. */
export type ContentClass = 'Email' | 'Document' | 'Attachment';

/** One extracted item and the items it carries. */
export interface ExtractedContent {
  class: ContentClass;
  name: string;
  extension: string | null;
  mime: string | null;
  size: number;
  sha256: string;
  time: number | null;
  sender: string | null;
  recipients: string[];
  subject: string | null;
  messageId: string | null;
  text: string | null;
  /** Why there is no (or only partial) text; null when text was extracted in full. */
  textNote: string | null;
  bytes: Buffer;
  children: ExtractedContent[];
}

/** SHA-256 of bytes, hex. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const TEXT_EXTENSIONS = new Set([
  'txt',
  'text',
  'csv',
  'tsv',
  'log',
  'md',
  'json',
  'xml',
  'yaml',
  'yml',
  'ini',
  'cfg',
  'conf',
  'html',
  'htm',
  'rtf',
  'eml.txt',
]);
const MIME_BY_EXTENSION: Record<string, string> = {
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  zip: 'application/zip',
};

/** What a file's bytes are, from the extension and the first bytes. */
export function sniffContentType(name: string, head: Uint8Array): 'eml' | 'msg' | 'pdf' | 'office' | 'text' | 'blob' {
  const extension = extensionOf(name);
  const startsWith = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0) && extension === 'msg') return 'msg';
  if (
    startsWith(0x50, 0x4b, 0x03, 0x04) &&
    (extension === 'docx' ||
      extension === 'xlsx' ||
      extension === 'pptx' ||
      extension === 'docm' ||
      extension === 'xlsm' ||
      extension === 'pptm')
  )
    return 'office';
  if (extension === 'eml') return 'eml';
  if (extension && TEXT_EXTENSIONS.has(extension)) return 'text';
  if (!extension || extension === 'txt') {
    const sample = decodeLenient(head.subarray(0, 2048));
    if (
      /^(received|return-path|from|message-id|mime-version|date|subject|to):/im.test(sample) &&
      /^(from|subject|date):/im.test(sample) &&
      /\r?\n\r?\n/.test(sample)
    )
      return 'eml';
  }
  if (extension === null && head.length > 0 && !head.subarray(0, 4096).includes(0)) return 'text';
  return 'blob';
}

/** Decodes common HTML entities. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'nbsp') return ' ';
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  });
}

/** Plain text of an HTML document for the search index (scripts and styles dropped). */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head)[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}

function capText(text: string | null): { text: string | null; note: string | null } {
  if (text === null) return { text: null, note: null };
  const clean = text.split('\u0000').join('');
  if (clean.length <= MAX_TEXT_CHARS) return { text: clean, note: null };
  return {
    text: clean.slice(0, MAX_TEXT_CHARS),
    note: `text cut to the first ${MAX_TEXT_CHARS.toLocaleString('en')} characters`,
  };
}

function base(name: string, bytes: Buffer, time: number | null, contentClass: ContentClass): ExtractedContent {
  const extension = extensionOf(name);
  return {
    class: contentClass,
    name,
    extension,
    mime: extension ? (MIME_BY_EXTENSION[extension] ?? null) : null,
    size: bytes.length,
    sha256: sha256Of(bytes),
    time,
    sender: null,
    recipients: [],
    subject: null,
    messageId: null,
    text: null,
    textNote: null,
    bytes,
    children: [],
  };
}

function parseDate(value: string | undefined | null): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

function addresses(list: Address[] | undefined): string[] {
  const out: string[] = [];
  for (const entry of list ?? []) {
    const members = entry.group ? entry.group : [entry];
    for (const member of members) {
      const address = normaliseEmail(member.address ?? '');
      if (address && !out.includes(address)) out.push(address);
    }
  }
  return out;
}

async function extractEml(
  name: string,
  bytes: Buffer,
  time: number | null,
  contentClass: ContentClass,
  depth: number,
): Promise<ExtractedContent> {
  const item = base(name, bytes, time, contentClass === 'Document' ? 'Email' : contentClass);
  item.mime = 'message/rfc822';
  const email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 64 });
  const from = email.from ? (addresses([email.from])[0] ?? null) : null;
  item.sender = from;
  item.recipients = [...new Set([...addresses(email.to), ...addresses(email.cc), ...addresses(email.bcc)])];
  item.subject = email.subject ?? null;
  item.messageId = email.messageId ?? null;
  item.time = parseDate(email.date) ?? time;
  const capped = capText(email.text ?? (email.html ? htmlToText(email.html) : ''));
  item.text = capped.text;
  item.textNote = capped.note;
  const attachments = email.attachments.slice(0, MAX_ATTACHMENTS);
  if (email.attachments.length > MAX_ATTACHMENTS)
    item.textNote = `only the first ${MAX_ATTACHMENTS} of ${email.attachments.length} attachments were kept`;
  for (const [index, attachment] of attachments.entries()) {
    const content = attachment.content;
    const data =
      typeof content === 'string'
        ? Buffer.from(content)
        : Buffer.from(content instanceof Uint8Array ? content : new Uint8Array(content));
    const fileName =
      attachment.filename ??
      (attachment.mimeType === 'message/rfc822' ? `attachment-${index + 1}.eml` : `attachment-${index + 1}`);
    item.children.push(await extractContent(fileName, data, item.time, depth + 1, 'Attachment'));
  }
  return item;
}

function msgFields(fields: FieldsData, item: ExtractedContent): void {
  item.sender = normaliseEmail(fields.senderSmtpAddress ?? fields.senderEmail ?? '') ?? null;
  item.recipients = [
    ...new Set(
      (fields.recipients ?? [])
        .map((recipient) => normaliseEmail(recipient.smtpAddress ?? recipient.email ?? ''))
        .filter((value): value is string => Boolean(value)),
    ),
  ];
  item.subject = fields.subject ?? null;
  item.messageId = (fields as { internetMessageId?: string }).internetMessageId ?? null;
  item.time = parseDate(fields.clientSubmitTime ?? fields.messageDeliveryTime) ?? item.time;
  const capped = capText(fields.body ?? (fields.bodyHtml ? htmlToText(fields.bodyHtml) : null));
  item.text = capped.text;
  item.textNote = capped.note;
}

async function extractMsg(
  name: string,
  bytes: Buffer,
  time: number | null,
  contentClass: ContentClass,
  depth: number,
): Promise<ExtractedContent> {
  const item = base(name, bytes, time, contentClass === 'Document' ? 'Email' : contentClass);
  item.mime = 'application/vnd.ms-outlook';
  const reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const fields = reader.getFileData();
  if ((fields as { error?: string }).error) throw new Error((fields as { error?: string }).error);
  msgFields(fields, item);
  for (const [index, attachment] of (fields.attachments ?? []).slice(0, MAX_ATTACHMENTS).entries()) {
    const data = reader.getAttachment(attachment);
    const fileName = data.fileName || attachment.fileName || `attachment-${index + 1}${attachment.innerMsgContent ? '.msg' : ''}`;
    const content = Buffer.from(data.content);
    if (attachment.innerMsgContent && attachment.innerMsgContentFields) {
      // An embedded message: msgreader returns it rebuilt as a .msg file.
      const child = base(fileName.endsWith('.msg') ? fileName : `${fileName}.msg`, content, item.time, 'Attachment');
      child.mime = 'application/vnd.ms-outlook';
      msgFields(attachment.innerMsgContentFields, child);
      item.children.push(child);
    } else {
      item.children.push(await extractContent(fileName, content, item.time, depth + 1, 'Attachment'));
    }
  }
  return item;
}

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfModule: Promise<PdfModule> | null = null;

/** Loads pdfjs-dist's legacy build (ESM) once; it runs under plain Node 20 without a DOM. */
function loadPdf(): Promise<PdfModule> {
  pdfModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfModule;
}

async function pdfText(bytes: Buffer): Promise<{ text: string; note: string | null }> {
  const pdfjs = await loadPdf();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    const document = await task.promise;
    const pages = Math.min(document.numPages, MAX_PDF_PAGES);
    const parts: string[] = [];
    let length = 0;
    for (let number = 1; number <= pages && length < MAX_TEXT_CHARS; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const pageText = content.items.map((entry) => ('str' in entry ? entry.str : '')).join(' ');
      parts.push(pageText);
      length += pageText.length;
      page.cleanup();
    }
    const note = document.numPages > MAX_PDF_PAGES ? `text of the first ${MAX_PDF_PAGES} of ${document.numPages} pages` : null;
    return { text: parts.join('\n'), note };
  } finally {
    await task.destroy();
  }
}

function readZipBuffer(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/** Reads the named XML parts of an Office Open XML package (bounded sizes). */
async function officeParts(bytes: Buffer, wanted: (name: string) => boolean): Promise<Map<string, string>> {
  const zip = await readZipBuffer(bytes);
  const parts = new Map<string, string>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!wanted(entry.fileName)) {
        zip.readEntry();
        return;
      }
      if (entry.uncompressedSize > MAX_OFFICE_PART_BYTES || total + entry.uncompressedSize > 4 * MAX_OFFICE_PART_BYTES) {
        reject(new Error(`part ${entry.fileName} is too large (${entry.uncompressedSize} bytes)`));
        return;
      }
      total += entry.uncompressedSize;
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  return parts;
}

/** Text runs of WordprocessingML, SpreadsheetML and DrawingML (`<w:t>`, `<t>`, `<a:t>`), paragraphs as lines. */
function xmlText(xml: string): string {
  const out: string[] = [];
  const pattern = /<(w:t|a:t|t)(?:\s[^>]*)?>([\s\S]*?)<\/\1>|<\/(w:p|a:p|si|row)>/g;
  let match: RegExpExecArray | null;
  let line = '';
  while ((match = pattern.exec(xml)) !== null) {
    if (match[3]) {
      if (line.length > 0) out.push(line);
      line = '';
    } else line += decodeEntities(match[2] ?? '');
  }
  if (line.length > 0) out.push(line);
  return out.join('\n');
}

function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

async function officeText(name: string, bytes: Buffer): Promise<string> {
  const extension = extensionOf(name) ?? '';
  if (extension.startsWith('doc')) {
    const parts = await officeParts(bytes, (part) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(part));
    const order = [...parts.keys()].sort((a, b) =>
      a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : naturalOrder(a, b),
    );
    return order.map((part) => xmlText(parts.get(part)!)).join('\n');
  }
  if (extension.startsWith('xls')) {
    const parts = await officeParts(
      bytes,
      (part) => part === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(part),
    );
    const order = [...parts.keys()].sort(naturalOrder);
    return order
      .map((part) => xmlText(parts.get(part)!))
      .filter(Boolean)
      .join('\n');
  }
  const parts = await officeParts(bytes, (part) => /^ppt\/(slides\/slide\d+|notesSlides\/notesSlide\d+)\.xml$/.test(part));
  return [...parts.keys()]
    .sort(naturalOrder)
    .map((part) => xmlText(parts.get(part)!))
    .join('\n');
}

/**
 * Extracts one item (and what it carries) from its bytes. `contentClass` is Document for a file of
 * its own (e-mails become Email) and Attachment inside a message. Never throws for bad content: a
 * file that cannot be parsed is a blob with a note.
 */
export async function extractContent(
  name: string,
  bytes: Buffer,
  time: number | null,
  depth = 0,
  contentClass: ContentClass = 'Document',
): Promise<ExtractedContent> {
  if (bytes.length > MAX_EXTRACT_BYTES) {
    const item = base(name, bytes, time, contentClass);
    item.textNote = `no text extracted: larger than ${MAX_EXTRACT_BYTES / 1024 / 1024} MB`;
    return item;
  }
  const type = depth > MAX_DEPTH ? 'blob' : sniffContentType(name, bytes.subarray(0, 4096));
  try {
    switch (type) {
      case 'eml':
        return await extractEml(name, bytes, time, contentClass, depth);
      case 'msg':
        return await extractMsg(name, bytes, time, contentClass, depth);
      case 'pdf': {
        const item = base(name, bytes, time, contentClass);
        item.mime = 'application/pdf';
        const { text, note } = await pdfText(bytes);
        const capped = capText(text);
        item.text = capped.text;
        item.textNote = note ?? capped.note ?? (text.trim().length === 0 ? 'no text layer (scanned or image-only PDF)' : null);
        return item;
      }
      case 'office': {
        const item = base(name, bytes, time, contentClass);
        const capped = capText(await officeText(name, bytes));
        item.text = capped.text;
        item.textNote = capped.note;
        return item;
      }
      case 'text': {
        const item = base(name, bytes, time, contentClass);
        const decoded = decodeLenient(bytes);
        const extension = item.extension;
        const capped = capText(extension === 'html' || extension === 'htm' ? htmlToText(decoded) : decoded);
        item.text = capped.text;
        item.textNote = capped.note;
        item.mime ??= 'text/plain';
        return item;
      }
      default: {
        const item = base(name, bytes, time, contentClass);
        item.textNote =
          depth > MAX_DEPTH ? `no text extracted: nested more than ${MAX_DEPTH} levels deep` : 'opaque blob (no text extracted)';
        return item;
      }
    }
  } catch (error) {
    const item = base(name, bytes, time, contentClass);
    const reason = error instanceof Error ? error.message : String(error);
    item.textNote = `could not read as ${type} (${reason.slice(0, 200)}); kept as a blob`;
    if (/password|encrypt/i.test(reason)) item.textNote = `encrypted ${type}; kept as a blob`;
    return item;
  }
}

/** Every item of a tree, parents before children. */
export function flattenContent(root: ExtractedContent): { item: ExtractedContent; parent: ExtractedContent | null }[] {
  const out: { item: ExtractedContent; parent: ExtractedContent | null }[] = [];
  const walk = (item: ExtractedContent, parent: ExtractedContent | null) => {
    out.push({ item, parent });
    for (const child of item.children) walk(child, item);
  };
  walk(root, null);
  return out;
}

/** Addresses an item names (sender and recipients), for linking to persons. */
export function contentAddresses(item: ExtractedContent): { address: string; role: 'sender' | 'recipient' }[] {
  const out: { address: string; role: 'sender' | 'recipient' }[] = [];
  if (item.sender) out.push({ address: item.sender, role: 'sender' });
  for (const address of item.recipients) out.push({ address, role: 'recipient' });
  return out;
}
