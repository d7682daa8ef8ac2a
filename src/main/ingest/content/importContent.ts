/**
 * The content import: one file (an e-mail, a document, any blob) or a zip of such files becomes
 * content items (with attachments as children), their bytes go to the content store, their text
 * to the full-text index at merge, and their addresses link them to known persons.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import { ImportStopped, RowProblem, type FileContext } from '../reading';
import { contentAddresses, extractContent, flattenContent, MAX_EXTRACT_BYTES, type ExtractedContent } from './extract';

/** Largest zip entry read (bigger entries are reported, not read). */
export const MAX_ZIP_ENTRY_BYTES = 256 * 1024 * 1024;
/** Largest total expansion of one zip, and the largest expansion ratio of a big entry (zip bombs). */
export const MAX_ZIP_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_ZIP_RATIO = 200;
/** Most entries read from one zip. */
export const MAX_ZIP_ENTRIES = 100_000;

/** SHA-256 of a file, streaming. */
export async function hashFile(path: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    onBytes?.(bytes);
  }
  return hash.digest('hex');
}

/** Stages an extracted item tree; returns how many items it held. */
function stageTree(context: FileContext, root: ExtractedContent, line: number): number {
  const locals = new Map<ExtractedContent, number>();
  let count = 0;
  for (const { item, parent } of flattenContent(root)) {
    context.storeBlob(item.sha256, item.bytes);
    const local = context.staging.content({
      parentLocal: parent ? locals.get(parent)! : null,
      class: item.class,
      name: item.name,
      extension: item.extension,
      mime: item.mime,
      size: item.size,
      sha256: item.sha256,
      time: item.time,
      sender: item.sender,
      recipients: item.recipients.length > 0 ? item.recipients.join(';') : null,
      subject: item.subject,
      messageId: item.messageId,
      attachments: item.children.length > 0 || item.class === 'Email' ? item.children.length : null,
      textNote: item.textNote,
      body: item.text,
      fileId: context.fileId,
      line,
    });
    locals.set(item, local);
    for (const { address, role } of contentAddresses(item)) context.staging.contentAddress(local, address, role);
    count += 1;
  }
  return count;
}

/** Reads one content file (or a zip of them). */
export async function parseContentFile(context: FileContext): Promise<void> {
  const { file } = context;
  if (file.layout === 'content.zip') {
    await parseContentZip(context);
    return;
  }
  context.stats.rows += 1;
  if (file.size > MAX_EXTRACT_BYTES) {
    // Too big to read into memory: hash and copy it as an opaque blob by streaming.
    const sha256 = await hashFile(file.path, (bytes) => context.progress(bytes));
    await context.storeFile(sha256, file.path);
    context.staging.content({
      parentLocal: null,
      class: 'Document',
      name: file.name,
      extension: file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : null,
      mime: null,
      size: file.size,
      sha256,
      time: file.modifiedAt,
      sender: null,
      recipients: null,
      subject: null,
      messageId: null,
      attachments: null,
      textNote: `no text extracted: larger than ${MAX_EXTRACT_BYTES / 1024 / 1024} MB`,
      body: null,
      fileId: context.fileId,
      line: 1,
    });
    context.stats.accepted += 1;
    return;
  }
  const bytes = await readFile(file.path);
  const root = await extractContent(file.name, bytes, file.modifiedAt);
  stageTree(context, root, 1);
  context.progress(file.size);
  context.stats.accepted += 1;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true, autoClose: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

async function parseContentZip(context: FileContext): Promise<void> {
  const { file } = context;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file.path);
  } catch (error) {
    throw new ImportStopped({
      file: file.name,
      line: null,
      field: null,
      reason: `not a readable zip (${error instanceof Error ? error.message : String(error)})`,
    });
  }
  let entryNumber = 0;
  let expanded = 0;
  const readEntry = (entry: yauzl.Entry): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ZIP_ENTRY_BYTES) stream.destroy(new Error('entry larger than declared'));
          chunks.push(chunk);
        });
        stream.on('error', reject);
        stream.on('end', () => resolve(Buffer.concat(chunks)));
      });
    });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          if (entry.fileName.endsWith('/')) return;
          entryNumber += 1;
          const name = `${file.name}/${entry.fileName}`;
          context.stats.rows += 1;
          const problem = (reason: string) => context.reject({ line: entryNumber, field: entry.fileName, reason }, '');
          if (entryNumber > MAX_ZIP_ENTRIES)
            throw new ImportStopped({
              file: file.name,
              line: entryNumber,
              field: null,
              reason: `more than ${MAX_ZIP_ENTRIES} entries`,
            });
          if (entry.uncompressedSize > MAX_ZIP_ENTRY_BYTES)
            return problem(`entry too large (${entry.uncompressedSize} bytes; at most ${MAX_ZIP_ENTRY_BYTES})`);
          if (
            entry.uncompressedSize > 10 * 1024 * 1024 &&
            entry.uncompressedSize / Math.max(1, entry.compressedSize) > MAX_ZIP_RATIO
          ) {
            return problem(
              `entry expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (a zip bomb?)`,
            );
          }
          expanded += entry.uncompressedSize;
          if (expanded > MAX_ZIP_TOTAL_BYTES)
            throw new ImportStopped({
              file: file.name,
              line: entryNumber,
              field: null,
              reason: `expands to more than ${MAX_ZIP_TOTAL_BYTES} bytes (a zip bomb?)`,
            });
          const bytes = await readEntry(entry);
          const modified = entry.getLastModDate().getTime();
          const root = await extractContent(name, bytes, Number.isNaN(modified) ? null : modified);
          stageTree(context, root, entryNumber);
          context.stats.accepted += 1;
        })()
          .then(() => {
            context.progress(Math.min(file.size, entry.relativeOffsetOfLocalHeader + entry.compressedSize));
            zip.readEntry();
          })
          .catch((error: unknown) => {
            if (error instanceof RowProblem) {
              context.reject({ line: entryNumber, field: entry.fileName, reason: error.reason }, '');
              zip.readEntry();
              return;
            }
            zip.close();
            reject(error);
          });
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof ImportStopped) throw error;
    if (error instanceof Error && error.name === 'ImportCancelled') throw error;
    throw new ImportStopped({
      file: file.name,
      line: entryNumber || null,
      field: null,
      reason: `zip error: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  context.progress(file.size);
}
