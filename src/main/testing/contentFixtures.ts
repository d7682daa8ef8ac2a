/**
 * Test helpers that build binary content fixtures: an Outlook .msg (a CFB compound file written
 * with msgreader's own burner) and minimal Office Open XML packages (docx, xlsx, pptx) and zips.
 */
import { burn, type Entry } from '@kenjiuno/msgreader/lib/Burner';
import yazl from 'yazl';

const utf16 = (text: string) => Buffer.from(text, 'utf16le');

/** A fixed-size property table (`__properties_version1.0`) with 4-byte integer properties. */
function properties(header: number, list: [number, number][]): Buffer {
  const bytes = Buffer.alloc(header + 16 * list.length);
  list.forEach(([tag, value], index) => {
    const offset = header + 16 * index;
    bytes.writeUInt32LE(tag, offset);
    bytes.writeUInt32LE(6, offset + 4);
    bytes.writeUInt32LE(value, offset + 8);
  });
  return bytes;
}

/** Builds an Outlook .msg with sender, recipients, subject, body and attachments. */
export function buildMsg(message: {
  subject: string;
  from: string;
  to: string[];
  body: string;
  attachments?: { name: string; data: Buffer }[];
}): Buffer {
  const entries: Entry[] = [{ name: 'Root Entry', type: 5, length: 0, children: [] }];
  const add = (parent: number, entry: Entry) => {
    entries.push(entry);
    entries[parent]!.children!.push(entries.length - 1);
    return entries.length - 1;
  };
  // msgreader's burner writes from the buffer's start: give it its own copy, not a pooled Buffer.
  const document = (parent: number, name: string, data: Buffer) =>
    add(parent, { name, type: 2, length: data.length, binaryProvider: () => new Uint8Array(data) });
  const folder = (name: string) => add(0, { name, type: 1, length: 0, children: [] });
  document(0, '__substg1.0_0037001F', utf16(message.subject));
  document(0, '__substg1.0_0C1F001F', utf16(message.from));
  document(0, '__substg1.0_5D01001F', utf16(message.from));
  document(0, '__substg1.0_1000001F', utf16(message.body));
  document(0, '__properties_version1.0', properties(32, []));
  folder('__nameid_version1.0');
  message.to.forEach((address, index) => {
    const recipient = folder(`__recip_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`);
    document(recipient, '__substg1.0_3001001F', utf16(address));
    document(recipient, '__substg1.0_3003001F', utf16(address));
    document(recipient, '__substg1.0_39FE001F', utf16(address));
    document(recipient, '__properties_version1.0', properties(8, [[0x0c150003, 1]]));
  });
  (message.attachments ?? []).forEach(({ name, data }, index) => {
    const attachment = folder(`__attach_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`);
    document(attachment, '__substg1.0_3707001F', utf16(name));
    document(attachment, '__substg1.0_3704001F', utf16(name));
    document(attachment, '__substg1.0_37010102', data);
    document(attachment, '__properties_version1.0', properties(8, [[0x37050003, 1]]));
  });
  return Buffer.from(burn(entries));
}

/** Builds a zip from named entries. */
export function buildZip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mtime: new Date(Date.UTC(2021, 3, 28)) });
    else
      zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, { mtime: new Date(Date.UTC(2021, 3, 28)) });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A minimal .docx whose paragraphs are the given lines. */
export function buildDocx(lines: string[]): Promise<Buffer> {
  const paragraphs = lines
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`)
    .join('');
  return buildZip({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  });
}

/** A minimal .xlsx with shared strings. */
export function buildXlsx(strings: string[]): Promise<Buffer> {
  return buildZip({
    '[Content_Types].xml': CONTENT_TYPES,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml':
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
  });
}

/** A minimal .pptx with one text run per slide. */
export function buildPptx(slides: string[]): Promise<Buffer> {
  const files: Record<string, string> = { '[Content_Types].xml': CONTENT_TYPES };
  slides.forEach((text, index) => {
    files[`ppt/slides/slide${index + 1}.xml`] =
      `<?xml version="1.0"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
  });
  return buildZip(files);
}
