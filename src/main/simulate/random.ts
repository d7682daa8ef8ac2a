/**
 * The simulator's own seeded pseudo-random numbers: sfc32 seeded through the cyrb128 string hash.
 * Math.random is never used, so the same seed text always gives the same stream on every machine.
 */

/** A deterministic stream of random values with the draws the simulator needs. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [minimum, maximum], both included. */
  integer(minimum: number, maximum: number): number;
  /** A float in [minimum, maximum). */
  uniform(minimum: number, maximum: number): number;
  /** True with this probability. */
  chance(probability: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A normally distributed value (Box–Muller). */
  normal(mean: number, deviation: number): number;
  /** A log-normal value with this median and log-space deviation. */
  logNormal(median: number, sigma: number): number;
  /** A Poisson-distributed count with this mean. */
  poisson(mean: number): number;
  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** `length` characters from this alphabet. */
  characters(length: number, alphabet: string): string;
}

/** Hashes text into four 32-bit words (cyrb128), the seed of sfc32. */
export function hashText(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Creates a random stream from seed text; different texts give independent streams. */
export function createRandom(seedText: string): Random {
  let [a, b, c, d] = hashText(seedText);
  const nextWord = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state in the first few rounds.
  for (let round = 0; round < 12; round++) nextWord();
  let spareNormal: number | null = null;

  const random: Random = {
    next: () => nextWord() / 4294967296,
    integer(minimum, maximum) {
      return minimum + Math.floor(random.next() * (maximum - minimum + 1));
    },
    uniform(minimum, maximum) {
      return minimum + random.next() * (maximum - minimum);
    },
    chance(probability) {
      return random.next() < probability;
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(random.next() * items.length)]!;
    },
    weighted(items) {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let point = random.next() * total;
      for (const [item, weight] of items) {
        point -= weight;
        if (point < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    normal(mean, deviation) {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return mean + deviation * value;
      }
      let u = random.next();
      while (u <= Number.EPSILON) u = random.next();
      const v = random.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return mean + deviation * radius * Math.cos(2 * Math.PI * v);
    },
    logNormal(median, sigma) {
      return median * Math.exp(random.normal(0, sigma));
    },
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 40) return Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean))));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = random.next();
      while (product > limit) {
        count++;
        product *= random.next();
      }
      return count;
    },
    shuffle(items) {
      const copy = items.slice();
      for (let index = copy.length - 1; index > 0; index--) {
        const other = Math.floor(random.next() * (index + 1));
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
    sample(items, count) {
      return random.shuffle(items).slice(0, Math.max(0, count));
    },
    characters(length, alphabet) {
      // Several characters from each 32-bit draw: as many as the alphabet size fits into 2^32.
      const size = alphabet.length;
      const perWord = Math.max(1, Math.floor(32 / Math.log2(size)));
      // Character codes first, one string at the end: appending char by char builds deep ropes.
      const codes: number[] = new Array(length);
      let filled = 0;
      while (filled < length) {
        let word = nextWord();
        for (let taken = 0; taken < perWord && filled < length; taken++) {
          codes[filled++] = alphabet.charCodeAt(word % size);
          word = Math.floor(word / size);
        }
      }
      return String.fromCharCode(...codes);
    },
  };
  return random;
}

/** A version-4-shaped UUID drawn from a random stream (deterministic, unlike crypto.randomUUID). */
export function randomUuid(random: Random): string {
  const hex = random.characters(32, '0123456789abcdef');
  const variant = '89ab'[random.integer(0, 3)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
