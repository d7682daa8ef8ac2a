/**
 * Streaming text decoding for import files: the encoding comes from the byte-order mark (UTF-8 with
 * or without BOM, UTF-16 LE/BE with BOM), invalid bytes are an error that says where, and memory
 * stays flat (1 MiB chunks).
 */
import { Buffer, isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';

/** Encodings the importers read. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/** Bytes read per chunk. */
export const CHUNK_BYTES = 1 << 20;

/** Raised when the bytes are not text in the detected encoding. */
export class TextDecodingError extends Error {
  constructor(
    readonly byteOffset: number,
    /** The text decoded just before the bad bytes (to count lines). */
    readonly validPrefix: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'TextDecodingError';
  }
}

/** Detects the encoding from the first bytes of a file; null when they look binary rather than text. */
export function detectEncoding(
  head: Uint8Array,
): { encoding: TextEncoding; bomLength: number } | { encoding: null; reason: string } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const sample = head.subarray(0, 4096);
  let zeros = 0;
  for (const byte of sample) if (byte === 0) zeros += 1;
  if (zeros > 0) {
    const oddZeros = sample.filter((byte, index) => byte === 0 && index % 2 === 1).length;
    if (oddZeros > sample.length / 4)
      return { encoding: null, reason: 'looks like UTF-16 without a byte-order mark; save it as UTF-8 or as UTF-16 with a BOM' };
    return { encoding: null, reason: 'binary data (NUL bytes), not text' };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Reads up to `bytes` bytes from the start of a file. */
export async function readHead(path: string, bytes = 65536): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Finds the offset of the first invalid UTF-8 sequence in `bytes` (or -1). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const width =
      byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (width === 0) return index;
    if (index + width > bytes.length) return -1; // incomplete at the chunk's end: the next chunk decides
    for (let k = 1; k < width; k += 1) if ((bytes[index + k]! & 0xc0) !== 0x80) return index;
    index += width;
  }
  return -1;
}

/** Decodes one encoding chunk by chunk, failing on invalid bytes with their offset. */
export class StreamingDecoder {
  private readonly decoder: TextDecoder;
  private readonly asciiFastPath: boolean;
  private partial = false;
  private offset = 0;

  constructor(readonly encoding: TextEncoding) {
    const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
    this.decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    this.asciiFastPath = label === 'utf-8';
  }

  /** Decodes the next chunk (`final` flushes). */
  decode(bytes: Uint8Array, final = false): string {
    // Most logs are plain ASCII: such a chunk is copied as Latin-1, several times faster than the
    // UTF-8 decoder. Only when the decoder holds no partial character from the chunk before.
    if (this.asciiFastPath && !this.partial && isAscii(bytes)) {
      this.offset += bytes.length;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    }
    try {
      const text = this.decoder.decode(bytes, { stream: !final });
      this.offset += bytes.length;
      // A chunk ending in a non-ASCII byte may have left part of a character in the decoder.
      this.partial = bytes.length > 0 ? bytes[bytes.length - 1]! >= 0x80 : this.partial;
      return text;
    } catch {
      const bad = this.encoding.startsWith('utf-8') ? Math.max(0, firstInvalidUtf8(bytes)) : 0;
      const prefix = new TextDecoder(this.encoding === 'utf-8-bom' ? 'utf-8' : this.encoding).decode(bytes.subarray(0, bad));
      const shown = Array.from(bytes.subarray(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      const reason =
        final && bad >= bytes.length - 3 && this.encoding.startsWith('utf-8')
          ? 'the file ends in the middle of a UTF-8 character (truncated)'
          : `invalid ${this.encoding === 'utf-8-bom' ? 'UTF-8' : this.encoding.toUpperCase()} bytes (${shown}) at byte offset ${this.offset + bad}; save the file as UTF-8`;
      throw new TextDecodingError(this.offset + bad, prefix, reason);
    }
  }
}

/** What readTextChunks reports for each chunk. */
export interface TextChunkProgress {
  bytesRead: number;
}

/**
 * Streams a text file as decoded string chunks. `onBytes` is called with the running byte count
 * (for progress). The BOM is not part of the text.
 */
export async function* readTextChunks(
  path: string,
  encoding: TextEncoding,
  onBytes?: (bytesRead: number) => void,
  onTruncated?: (reason: string) => void,
): AsyncGenerator<string> {
  const decoder = new StreamingDecoder(encoding);
  const bomLength = encoding === 'utf-8' ? 0 : encoding === 'utf-8-bom' ? 3 : 2;
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, start: bomLength });
  let bytesRead = bomLength;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      const text = decoder.decode(chunk);
      onBytes?.(bytesRead);
      if (text.length > 0) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode(new Uint8Array(0), true);
    } catch (error) {
      // The file ends inside a character: a truncated last line, reported by the caller, not fatal.
      if (!(error instanceof TextDecodingError) || !onTruncated) throw error;
      onTruncated(error.message);
      rest = error.validPrefix;
    }
    if (rest.length > 0) yield rest;
  } finally {
    stream.destroy();
  }
}

/** Decodes a whole small buffer (content items, previews), honouring a BOM; invalid bytes become U+FFFD. */
export function decodeLenient(bytes: Uint8Array): string {
  const detected = detectEncoding(bytes);
  if (detected.encoding === 'utf-16le' || detected.encoding === 'utf-16be') {
    return new TextDecoder(detected.encoding).decode(bytes.subarray(2));
  }
  const start = detected.encoding === 'utf-8-bom' ? 3 : 0;
  return new TextDecoder('utf-8').decode(bytes.subarray(start));
}
