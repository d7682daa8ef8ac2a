import { expect, test } from 'vitest';
import { createRandom, hashText, randomUuid } from './random';

test('the same seed text gives the same stream; another gives another', () => {
  const draw = (seed: string) => {
    const random = createRandom(seed);
    return [random.next(), random.integer(1, 6), random.characters(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), randomUuid(random)];
  };
  expect(draw('seed 1')).toEqual(draw('seed 1'));
  expect(draw('seed 1')).not.toEqual(draw('seed 2'));
  expect(hashText('a')).not.toEqual(hashText('b'));
});

test('draws stay in their ranges and follow their distributions roughly', () => {
  const random = createRandom('distributions');
  const integers = new Set<number>();
  let normalSum = 0;
  let poissonSum = 0;
  let heads = 0;
  const count = 20_000;
  for (let index = 0; index < count; index++) {
    const value = random.next();
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
    integers.add(random.integer(3, 7));
    normalSum += random.normal(10, 2);
    poissonSum += random.poisson(4);
    if (random.chance(0.25)) heads++;
  }
  expect([...integers].sort()).toEqual([3, 4, 5, 6, 7]);
  expect(normalSum / count).toBeCloseTo(10, 0);
  expect(poissonSum / count).toBeCloseTo(4, 0);
  expect(heads / count).toBeGreaterThan(0.23);
  expect(heads / count).toBeLessThan(0.27);
  expect(random.poisson(500)).toBeGreaterThan(400);
  const weighted = Array.from({ length: 10_000 }, () => random.weighted([['rare', 1], ['common', 9]] as const));
  expect(weighted.filter((item) => item === 'rare').length).toBeGreaterThan(800);
  expect(weighted.filter((item) => item === 'rare').length).toBeLessThan(1200);
});

test('characters, samples and UUIDs have the right shape', () => {
  const random = createRandom('shapes');
  expect(random.characters(40, '0123456789abcdef')).toMatch(/^[0-9a-f]{40}$/);
  expect(random.characters(7, '01')).toMatch(/^[01]{7}$/);
  expect(randomUuid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const sample = random.sample([1, 2, 3, 4, 5], 3);
  expect(new Set(sample).size).toBe(3);
  expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
});
