import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1). The same seed gives the same stream on every platform. */
export type RandomSource = () => number;

/**
 * Creates a fast seeded uniform generator (Alea), used for shuffling, binarisation and seeds.
 *
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // same value every run
 * ```
 */
export function seededRandom(seed: number | string): RandomSource {
  // Alea is the fastest of seedrandom's generators and passes BigCrush, which is plenty for data order.
  return seedrandom.alea(String(seed));
}

/** The whole state of an Alea generator: four numbers, exact in JSON (doubles). */
export interface RandomState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/** A seeded generator whose position can be saved and restored (for checkpoints). */
/** A seeded generator whose position can be saved (`state()`) and resumed (`statefulRandom(seed, state)`). */
export interface StatefulRandom extends RandomSource {
  /** The generator's position now, to continue from it later. */
  state(): RandomState;
}

/**
 * Like `seededRandom`, but `state()` returns the generator's position and `from` continues from
 * one, so a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 *
 * @example
 * ```ts
 * const a = statefulRandom('train:0');
 * a();
 * const b = statefulRandom('train:0', a.state());
 * a() === b(); // true
 * ```
 */
export function statefulRandom(seed: number | string, from?: RandomState): StatefulRandom {
  // seedrandom copies `from` into the generator; `true` only switches state() on.
  return seedrandom.alea(String(seed), { state: from === undefined ? true : { ...from } }) as StatefulRandom;
}

/** Draws a positive 31-bit integer seed for tfjs's seeded ops from a generator. */
export function nextSeed(random: RandomSource): number {
  return tfSeed(Math.floor(random() * 0x7ffffffe));
}

/**
 * Maps a user seed (any integer >= 0) to a seed tfjs honours. tfjs's random ops treat a seed of 0
 * as "no seed" and fall back to Math.random(), so 0 must never reach them.
 *
 * @example
 * ```ts
 * tf.randomNormal([2], 0, 1, 'float32', tfSeed(0)); // deterministic
 * ```
 */
export function tfSeed(seed: number): number {
  return seed + 1;
}

/**
 * Fisher–Yates permutation of `0..n-1` driven by a seeded generator.
 *
 * @example
 * ```ts
 * const order = permutation(5, seededRandom(1)); // e.g. Uint32Array [3, 0, 4, 1, 2]
 * ```
 */
export function permutation(n: number, random: RandomSource): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
