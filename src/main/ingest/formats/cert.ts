/**
 * The CMU SEI/CERT Insider Threat Test Dataset, releases r4, r5 and r6: logon, device, file, email
 * and http CSVs (LDAP snapshots and psychometric.csv are read by directory.ts). Times are
 * `MM/DD/YYYY HH:MM:SS` local time without zone (not always zero-padded); users are CERT user ids
 * (`AAA0000`); `content` (keywords or sentences) is not stored. These files are tens of millions of
 * rows, so the row handlers here are the import's hot path: no allocation beyond the fields.
 */
import type { ActivityKind } from '../../../shared/signals';
import { domainOfEmail, hostOfUrl, normaliseEmail, splitAddresses } from '../identity';
import { Columns, RowProblem, forEachCsvRecord, type CsvRowHandler, type FileContext } from '../reading';
import { createCertTimeParser } from '../time';

/** A CERT layout: which columns it has and how its rows map. */
interface CertLayout {
  layout: string;
  description: string;
  file: string;
  columns: string[];
}

/** Every CERT layout, most specific first (detection takes the first whose columns are all present). */
export const CERT_LAYOUTS: CertLayout[] = [
  {
    layout: 'cert.file.r5',
    file: 'file.csv',
    description: 'CERT r5/r6 file activity',
    columns: ['id', 'date', 'user', 'pc', 'filename', 'activity', 'to_removable_media', 'from_removable_media', 'content'],
  },
  {
    layout: 'cert.file.r4',
    file: 'file.csv',
    description: 'CERT r4 file copies to removable media',
    columns: ['id', 'date', 'user', 'pc', 'filename', 'content'],
  },
  {
    layout: 'cert.email.r5',
    file: 'email.csv',
    description: 'CERT r5/r6 e-mail',
    columns: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'activity', 'size', 'attachments', 'content'],
  },
  {
    layout: 'cert.email.r4',
    file: 'email.csv',
    description: 'CERT r4 e-mail',
    columns: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'size', 'attachments', 'content'],
  },
  {
    layout: 'cert.http.r6',
    file: 'http.csv',
    description: 'CERT r6 web activity',
    columns: ['id', 'date', 'user', 'pc', 'url', 'activity', 'content'],
  },
  {
    layout: 'cert.http.r4',
    file: 'http.csv',
    description: 'CERT r4/r5 web visits',
    columns: ['id', 'date', 'user', 'pc', 'url', 'content'],
  },
  {
    layout: 'cert.device.r5',
    file: 'device.csv',
    description: 'CERT r5/r6 removable media',
    columns: ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
  },
  // logon.csv and r4 device.csv share a header: the file name or the activity values tell them apart.
  {
    layout: 'cert.logon',
    file: 'logon.csv',
    description: 'CERT logons and logoffs',
    columns: ['id', 'date', 'user', 'pc', 'activity'],
  },
  {
    layout: 'cert.device.r4',
    file: 'device.csv',
    description: 'CERT r4 removable media',
    columns: ['id', 'date', 'user', 'pc', 'activity'],
  },
];

/** Detects a CERT layout from the header (and, for the shared logon/device header, the name or first values). */
export function detectCertLayout(columns: Columns, fileName: string, firstValues: string[]): CertLayout | null {
  const exact = (layout: CertLayout) =>
    columns.header.length === layout.columns.length && layout.columns.every((name) => columns.has(name));
  for (const layout of CERT_LAYOUTS) {
    if (!exact(layout)) continue;
    if (layout.layout === 'cert.logon' || layout.layout === 'cert.device.r4') {
      const base = fileName.toLowerCase().replace(/^.*[\\/]/, '');
      if (base === 'device.csv' || firstValues.some((value) => /^(connect|disconnect)$/i.test(value)))
        return CERT_LAYOUTS.find((l) => l.layout === 'cert.device.r4')!;
      return CERT_LAYOUTS.find((l) => l.layout === 'cert.logon')!;
    }
    return layout;
  }
  return null;
}

/** Where each CERT column goes (for the preview). */
export function certColumnTarget(layout: string, column: string): string | null {
  const targets: Record<string, string | null> = {
    id: null,
    date: 'activity time (local time, no zone)',
    user: 'person (CERT user id)',
    pc: 'device',
    activity: 'activity kind',
    url: 'target URL and domain',
    filename: 'target file',
    file_tree: 'target (files on the media)',
    to: 'recipients',
    cc: 'recipients',
    bcc: 'recipients',
    from: 'sender (organisation domain)',
    size: 'size',
    attachments: layout === 'cert.email.r5' ? 'attachment count and names' : 'attachment count',
    to_removable_media: 'copy to removable media',
    from_removable_media: 'detail',
    content: null,
  };
  return targets[column.toLowerCase()] ?? null;
}

const LOGON: Record<string, ActivityKind> = { logon: 'logon', logoff: 'logoff' };
const DEVICE: Record<string, ActivityKind> = { connect: 'usbConnect', disconnect: 'usbDisconnect' };
const HTTP: Record<string, ActivityKind> = { 'www visit': 'webVisit', 'www download': 'webDownload', 'www upload': 'webUpload' };
const EMAIL: Record<string, ActivityKind> = { send: 'emailSend', receive: 'emailReceive', view: 'emailView' };

function flag(value: string, field: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0' || lower === '') return false;
  throw new RowProblem(field, `not True or False: ${JSON.stringify(value)}`);
}

/** Reads one CERT activity file. */
export async function parseCertFile(context: FileContext): Promise<void> {
  await forEachCsvRecord(context, (header) => buildCertHandler(context, new Columns(header)));
}

function buildCertHandler(context: FileContext, columns: Columns): CsvRowHandler {
  const { staging, fileId } = context;
  const layout = CERT_LAYOUTS.find((candidate) => candidate.layout === context.file.layout);
  if (!layout) throw new RowProblem(null, `unknown CERT layout ${context.file.layout}`);
  const index: Record<string, number> = {};
  for (const name of layout.columns) {
    index[name] = columns.index(name);
    if (index[name] === -1) throw new RowProblem(name, `the header has no ${name} column (expected ${layout.columns.join(',')})`);
  }
  // Only the columns before `content` are required: content is last and may be cut or contain commas.
  const required = Math.max(...layout.columns.filter((name) => name !== 'content').map((name) => index[name]!)) + 1;
  const parseTime = createCertTimeParser(context.utcOffsetMinutes);
  const iDate = index.date!;
  const iUser = index.user!;
  const iPc = index.pc!;
  const refs = new Map<string, number>();
  const person = (fields: string[]): number => {
    const user = fields[iUser]!;
    let ref = refs.get(user);
    if (ref === undefined) {
      const trimmed = user.trim();
      if (trimmed.length === 0 || /[\s,;@]/.test(trimmed))
        throw new RowProblem('user', trimmed.length === 0 ? 'missing user' : `not a CERT user id: ${JSON.stringify(user)}`);
      ref = staging.ref('userId', trimmed);
      if (refs.size < 1_000_000) refs.set(user, ref);
    }
    return ref;
  };
  const when = (fields: string[]): number => {
    const time = parseTime(fields[iDate]!);
    if (Number.isNaN(time))
      throw new RowProblem('date', `not a date: ${JSON.stringify(fields[iDate])} (expected MM/DD/YYYY HH:MM:SS)`);
    return time;
  };
  const short = (fields: string[]) => {
    if (fields.length < required)
      throw new RowProblem(layout.columns[fields.length] ?? null, `only ${fields.length} of ${layout.columns.length} fields`);
  };
  const device = (fields: string[]): string | null => {
    const pc = fields[iPc]!;
    return pc.length === 0 ? null : pc;
  };
  const pick = (map: Record<string, ActivityKind>, value: string, field: string): ActivityKind => {
    const kind = map[value.trim().toLowerCase()];
    if (!kind) throw new RowProblem(field, `unknown activity ${JSON.stringify(value)} (expected ${Object.keys(map).join(', ')})`);
    return kind;
  };

  /** Stages a row of the endpoint files (logon, device, file): no domain, recipients or sizes. */
  const endpointActivity = (
    fields: string[],
    line: number,
    kind: ActivityKind,
    operation: string | null,
    target: string | null,
    detail: string | null = null,
  ) =>
    staging.activity(person(fields), when(fields), kind, operation, device(fields), target, null, null, null, null, null, detail, fileId, line);

  switch (layout.layout) {
    case 'cert.http.r4':
    case 'cert.http.r6': {
      const iUrl = index.url!;
      const iActivity = layout.layout === 'cert.http.r6' ? index.activity! : -1;
      return (fields, line) => {
        short(fields);
        const url = fields[iUrl]!;
        const kind = iActivity === -1 ? 'webVisit' : pick(HTTP, fields[iActivity]!, 'activity');
        const domain = hostOfUrl(url);
        if (domain === null) throw new RowProblem('url', `not a URL: ${JSON.stringify(url.slice(0, 200))}`);
        staging.activity(
          person(fields),
          when(fields),
          kind,
          iActivity === -1 ? null : fields[iActivity]!,
          device(fields),
          url,
          domain,
          null,
          null,
          null,
          null,
          null,
          fileId,
          line,
        );
      };
    }
    case 'cert.logon':
      return (fields, line) => {
        short(fields);
        const activity = fields[index.activity!]!;
        endpointActivity(fields, line, pick(LOGON, activity, 'activity'), activity, null);
      };
    case 'cert.device.r4':
    case 'cert.device.r5': {
      const iTree = layout.layout === 'cert.device.r5' ? index.file_tree! : -1;
      return (fields, line) => {
        short(fields);
        const activity = fields[index.activity!]!;
        const tree = iTree === -1 ? null : fields[iTree]!.slice(0, 2000) || null;
        endpointActivity(fields, line, pick(DEVICE, activity, 'activity'), activity, tree);
      };
    }
    case 'cert.file.r4':
      return (fields, line) => {
        short(fields);
        const name = fields[index.filename!]!.trim();
        if (name.length === 0) throw new RowProblem('filename', 'missing file name');
        endpointActivity(fields, line, 'usbCopy', null, name);
      };
    case 'cert.file.r5':
      return (fields, line) => {
        short(fields);
        const name = fields[index.filename!]!.trim();
        if (name.length === 0) throw new RowProblem('filename', 'missing file name');
        const activity = fields[index.activity!]!.trim();
        const toMedia = flag(fields[index.to_removable_media!]!, 'to_removable_media');
        const fromMedia = flag(fields[index.from_removable_media!]!, 'from_removable_media');
        let kind: ActivityKind;
        switch (activity.toLowerCase()) {
          case 'file open':
            kind = 'fileOpen';
            break;
          case 'file write':
            kind = toMedia ? 'usbCopy' : 'fileWrite';
            break;
          case 'file copy':
            kind = toMedia ? 'usbCopy' : 'fileCopy';
            break;
          case 'file delete':
            kind = 'fileDelete';
            break;
          default:
            throw new RowProblem(
              'activity',
              `unknown activity ${JSON.stringify(activity)} (expected File Open, File Write, File Copy or File Delete)`,
            );
        }
        const detail = fromMedia ? '{"fromRemovableMedia":true}' : null;
        endpointActivity(fields, line, kind, activity, name, detail);
      };
    case 'cert.email.r4':
    case 'cert.email.r5': {
      const r5 = layout.layout === 'cert.email.r5';
      const senders = context.observations.senderDomains;
      return (fields, line) => {
        short(fields);
        const recipients = [
          ...splitAddresses(fields[index.to!]),
          ...splitAddresses(fields[index.cc!]),
          ...splitAddresses(fields[index.bcc!]),
        ];
        const unique = [...new Set(recipients)];
        const fromText = fields[index.from!]!;
        const from = normaliseEmail(fromText);
        if (fromText.trim().length > 0 && from === null)
          throw new RowProblem('from', `not an e-mail address: ${JSON.stringify(fromText)}`);
        const activity = r5 ? fields[index.activity!]! : 'Send';
        const kind = pick(EMAIL, activity, 'activity');
        const sizeText = fields[index.size!]!.trim();
        const size = sizeText.length === 0 ? null : Number(sizeText);
        if (size !== null && (!Number.isInteger(size) || size < 0))
          throw new RowProblem('size', `not a size in bytes: ${JSON.stringify(sizeText)}`);
        const attachmentText = fields[index.attachments!]!.trim();
        let attachments: number | null = null;
        let names: string | null = null;
        if (attachmentText.length > 0) {
          if (/^\d+$/.test(attachmentText)) attachments = Number(attachmentText);
          else {
            // r5/r6: `name(size);name(size)`.
            const list = attachmentText
              .split(';')
              .map((part) => part.trim())
              .filter(Boolean);
            attachments = list.length;
            names = list.map((part) => part.replace(/\(\d+\)\s*$/, '').trim()).join(';');
          }
        }
        if (kind === 'emailSend' && from) senders.add(domainOfEmail(from));
        const detail = from ? JSON.stringify({ from }) : null;
        const recipientText = unique.length > 0 ? unique.join(';') : null;
        // A received or viewed e-mail's domain is its sender's; a sent one's comes from its recipients (finalise.ts).
        const domain = kind === 'emailSend' || !from ? null : domainOfEmail(from);
        staging.activity(
          person(fields),
          when(fields),
          kind,
          r5 ? activity : null,
          device(fields),
          names,
          domain,
          recipientText,
          null,
          size,
          attachments,
          detail,
          fileId,
          line,
        );
      };
    }
    default:
      throw new RowProblem(null, `no reader for CERT layout ${layout.layout}`);
  }
}
