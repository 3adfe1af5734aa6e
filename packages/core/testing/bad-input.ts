import { describe, expect, it } from 'vitest';
import { CvaeError } from '../src/errors/cvae-error.js';

/** One bad input of a corpus: what is wrong with it and what its refusal must say. */
export interface BadInputCase {
  /** What is wrong, e.g. `wrong magic number`; unique within its corpus. */
  readonly name: string;
  /** The input the message must name (a file path, a flag, a field). */
  readonly input: string;
  /** What the message must say was expected (or found), e.g. `/expected 0x00000803/`. */
  readonly says: RegExp;
}

/** The longest refusal accepted: one line a person reads, never a dump of the input. */
const MAX_MESSAGE = 600;

/**
 * Runs `attempt` and checks it is refused cleanly: a `CvaeError` whose message is one short line
 * starting `[cvae] [`, names `input` and matches `says`. Returns the error for further checks.
 *
 * @example
 * ```ts
 * await expectRefusal(() => parseIdx(bytes, 'x.idx'), 'x.idx', /bad magic number: expected/);
 * ```
 */
export async function expectRefusal(attempt: () => unknown, input: string, says: RegExp): Promise<CvaeError> {
  let thrown: unknown;
  try {
    await attempt();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'the bad input was accepted').toBeDefined();
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  expect(CvaeError.is(thrown), `not a CvaeError: ${thrown instanceof Error ? thrown.stack : message}`).toBe(true);
  expect(message.startsWith('[cvae] ['), message).toBe(true);
  expect(message, 'more than one line').not.toContain('\n');
  expect(message.length, `longer than ${MAX_MESSAGE} characters: ${message.slice(0, 200)}...`).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(message, 'does not name the input').toContain(input);
  expect(message).toMatch(says);
  return thrown as CvaeError;
}

/**
 * Registers one test per case of a bad-input corpus, under `bad-input corpus: <kind> (<n> cases)`,
 * each asserting {@link expectRefusal}. Case names must be unique (a duplicate fails at once), so
 * the count in the suite's name is the number of distinct bad inputs.
 *
 * @example
 * ```ts
 * describeBadInputs('idx', CASES, async (c) => readIdxFile(await write(c)));
 * ```
 */
export function describeBadInputs<C extends BadInputCase>(kind: string, cases: readonly C[], refuse: (c: C) => unknown, options: { timeout?: number } = {}): void {
  const names = cases.map((c) => c.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  describe(`bad-input corpus: ${kind} (${cases.length} cases)`, () => {
    it('has distinct case names', () => expect(duplicate, `duplicate case "${duplicate}"`).toBeUndefined());
    for (const c of cases) it(c.name, async () => void (await expectRefusal(() => refuse(c), c.input, c.says)), options.timeout);
  });
}
