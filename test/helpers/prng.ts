// A small seeded PRNG (sfc32), so that a generated test input can be made
// again from the seed a failing run printed.

export interface Prng {
  /** the seed it started from */
  seed: number
  /** a float in [0, 1) */
  next: () => number
  /** an integer in [min, max] */
  int: (min: number, max: number) => number
  pick: <T>(items: readonly T[]) => T
  bytes: (n: number) => Buffer
}

export const prng = (seed: number): Prng => {
  let a = 0x9e3779b9
  let b = 0x243f6a88
  let c = 0xb7e15162
  let d = seed >>> 0
  const next = (): number => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (a + b + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  // warm up: the first outputs of sfc32 depend little on the seed
  for (let i = 0; i < 20; i++) next()
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    seed,
    next,
    int,
    pick: items => items[int(0, items.length - 1)] as (typeof items)[number],
    bytes: n => Buffer.from(Array.from({ length: n }, () => int(0, 255))),
  }
}

/** AWSCACHE_TEST_SEED when set (to replay a failure), else a fresh one. */
export const testSeed = (): number => {
  const given = process.env.AWSCACHE_TEST_SEED
  if (given !== undefined && /^\d+$/.test(given)) return Number(given) >>> 0
  return Math.floor(Math.random() * 2 ** 32) >>> 0
}
