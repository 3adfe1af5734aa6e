import { nearestName } from '../errors/nearest-name.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelManifest } from './manifest.js';
import { ModelFormatError } from './model-format-error.js';

/** The fields a manifest of this format version may hold (any other is refused: a typo or a newer writer). */
const FIELDS = ['format', 'formatVersion', 'createdBy', 'config', 'dataset', 'training', 'weights'];
const WEIGHT_FIELDS = ['file', 'byteLength', 'sha256', 'entries'];
/** A file name beside model.json: no folder, no `..`, nothing a path could be built from. */
const PLAIN_FILE = /^(?!\.\.?$)[\w.-]{1,255}$/;

/**
 * Whether `name` is a plain file name (letters, digits, `.`, `_`, `-`; not `.` or `..`): the only
 * names a manifest, a dataset or a plugin may give a file, so that none becomes a path.
 *
 * @example
 * ```ts
 * isPlainFileName('weights.bin'); // true
 * isPlainFileName('../x'); // false
 * ```
 */
export function isPlainFileName(name: string): boolean {
  return PLAIN_FILE.test(name);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const json = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);

/**
 * Checks a parsed manifest's structure before anything is built from it: format and version,
 * exactly the known fields, a plain weights file name (never a path), and weight entries that
 * are well-formed and tile the weights file exactly. Each failure is one `ModelFormatError`
 * naming `source` (the manifest's place), the field, what was expected and what was found.
 *
 * @example
 * ```ts
 * const manifest = checkManifest(JSON.parse(text), 'runs/x/model/model.json');
 * ```
 */
export function checkManifest(manifest: unknown, source: string): ModelManifest {
  const fail = (problem: string, fix?: string): never => {
    throw new ModelFormatError(`${source}: ${problem}`, fix);
  };
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) fail(`expected a JSON object (a cvae model manifest), found ${json(manifest)}`);
  const m = manifest as Record<string, unknown>;
  if (m.format !== MODEL_FORMAT) fail(`not a cvae model manifest: expected "format": "${MODEL_FORMAT}", found ${json(m.format)}`);
  if (!isCount(m.formatVersion) || m.formatVersion < 1) fail(`"formatVersion" must be a positive integer, found ${json(m.formatVersion)}`);
  if ((m.formatVersion as number) > MODEL_FORMAT_VERSION) {
    fail(`format version ${json(m.formatVersion)} is newer than this reader (${MODEL_FORMAT_VERSION})`, 'upgrade @cvae/core (or the cvae CLI)');
  }
  for (const key of Object.keys(m)) {
    if (!FIELDS.includes(key)) fail(`unknown field "${key}" (expected only ${FIELDS.join(', ')}); did you mean "${nearestName(key, FIELDS)}"?`, 'save the model again with this version');
  }
  for (const key of ['config', 'weights']) {
    if (m[key] === null || typeof m[key] !== 'object' || Array.isArray(m[key])) fail(`the manifest lacks "${key}" (expected an object, found ${json(m[key])})`);
  }
  const weights = m.weights as Record<string, unknown>;
  for (const key of Object.keys(weights)) {
    if (!WEIGHT_FIELDS.includes(key)) fail(`unknown field "weights.${key}"; did you mean "weights.${nearestName(key, WEIGHT_FIELDS)}"?`);
  }
  if (typeof weights.file !== 'string' || !isPlainFileName(weights.file)) {
    fail(`"weights.file" must be a plain file name beside model.json (letters, digits, . _ -), found ${json(weights.file)}`);
  }
  if (!isCount(weights.byteLength)) fail(`"weights.byteLength" must be a non-negative integer, found ${json(weights.byteLength)}`);
  if (typeof weights.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(weights.sha256)) fail(`"weights.sha256" must be 64 lowercase hex digits, found ${json(weights.sha256)}`);
  if (!Array.isArray(weights.entries)) fail(`"weights.entries" must be an array, found ${json(weights.entries)}`);
  checkEntries(weights.entries as unknown[], weights.byteLength as number, fail);
  return m as unknown as ModelManifest;
}

/** Entries must be `{ name, shape, dtype: 'float32', offset }`, back to back, covering the file exactly. */
function checkEntries(entries: unknown[], byteLength: number, fail: (problem: string) => never): void {
  let offset = 0;
  entries.forEach((entry, i) => {
    const e = entry as Record<string, unknown> | null;
    const at = `"weights.entries[${i}]"`;
    if (e === null || typeof e !== 'object') fail(`${at} must be an object, found ${json(entry)}`);
    const { name, shape, dtype } = e as Record<string, unknown>;
    if (typeof name !== 'string') fail(`${at}.name must be a string, found ${json(name)}`);
    if (!Array.isArray(shape) || !shape.every(isCount)) fail(`${at}.shape must be an array of non-negative integers, found ${json(shape)}`);
    if (dtype !== 'float32') fail(`${at}.dtype must be "float32", found ${json(dtype)}`);
    if (e!.offset !== offset) fail(`${at}.offset must be ${offset} (right after the previous tensor), found ${json(e!.offset)}`);
    offset += 4 * (shape as number[]).reduce((a, b) => a * b, 1);
  });
  if (offset !== byteLength) fail(`the weight entries cover ${offset} bytes but "weights.byteLength" is ${byteLength}`);
}
