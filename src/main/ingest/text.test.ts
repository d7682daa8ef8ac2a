import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamingDecoder, TextDecodingError } from './text';

/** Decodes `bytes` cut at `cuts` (sorted offsets), as readTextChunks feeds the decoder. */
function decodeInChunks(bytes: Uint8Array, cuts: number[]): string {
  const decoder = new StreamingDecoder('utf-8');
  let text = '';
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(start, cut));
    start = cut;
  }
  return text + decoder.decode(new Uint8Array(0), true);
}

describe('StreamingDecoder', () => {
  it('keeps a character split across chunks, also when plain ASCII chunks follow', () => {
    const bytes = new TextEncoder().encode('ab€cd,ü\nplain ascii line\n');
    const euro = 2; // the euro sign's three bytes start here
    expect(decodeInChunks(bytes, [euro + 1, euro + 2, 9, 12])).toBe('ab€cd,ü\nplain ascii line\n');
  });

  it('gives the same text however UTF-8 input is cut', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '\n', 'é', '€', '𝄞', 'z') }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, offsets) => {
          const bytes = new TextEncoder().encode(text);
          const cuts = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
          expect(decodeInChunks(bytes, cuts)).toBe(text);
        },
      ),
    );
  });

  it('says where invalid bytes are, after ASCII chunks', () => {
    const decoder = new StreamingDecoder('utf-8');
    expect(decoder.decode(new TextEncoder().encode('abc\n'))).toBe('abc\n');
    let error: unknown = null;
    try {
      decoder.decode(Uint8Array.from([0x61, 0xff, 0x62]));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TextDecodingError);
    expect((error as TextDecodingError).byteOffset).toBe(5);
  });

  it('reports a file that ends inside a character', () => {
    const decoder = new StreamingDecoder('utf-8');
    expect(decoder.decode(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe('a');
    expect(() => decoder.decode(new Uint8Array(0), true)).toThrow(/truncated/);
  });
});
