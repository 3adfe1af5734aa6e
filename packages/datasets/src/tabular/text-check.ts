import { Transform, type TransformCallback } from 'node:stream';
import { DatasetError } from '../dataset-error.js';

/**
 * A pass-through stream that refuses what a CSV reader would otherwise decode into garbage:
 * bytes that are not UTF-8, NUL bytes (binary files, UTF-16 without a byte-order mark) and
 * UTF-16 big-endian text. UTF-16 little-endian with its byte-order mark passes untouched
 * (csv-parse decodes it). The error names the file, the byte offset and the line.
 *
 * @example
 * ```ts
 * createReadStream(path).pipe(textCheck(path)).pipe(parse({ ... }));
 * ```
 */
export function textCheck(path: string): Transform {
  let offset = 0;
  let line = 1;
  let utf16 = false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (offset === 0 && chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe) utf16 = true;
      if (offset === 0 && chunk.length >= 2 && chunk[0] === 0xfe && chunk[1] === 0xff) {
        return done(new DatasetError('csv', `${path}: UTF-16 big-endian text (byte-order mark FE FF at offset 0); fix: save the file as UTF-8`));
      }
      if (!utf16) {
        const problem = findProblem(chunk, decoder);
        if (problem !== undefined) {
          const at = offset + problem.index;
          const where = `${path} line ${line + countNewlines(chunk, problem.index)}, byte offset ${at}`;
          return done(new DatasetError('csv', `${where}: ${problem.what}; expected UTF-8 text; fix: ${problem.fix}`));
        }
        line += countNewlines(chunk, chunk.length);
      }
      offset += chunk.length;
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (utf16) return done();
      try {
        decoder.decode(); // an incomplete character at the very end
        done();
      } catch {
        done(new DatasetError('csv', `${path} line ${line}, byte offset ${offset}: the file ends inside a UTF-8 character; expected UTF-8 text; fix: the file is cut short, copy it again`));
      }
    },
  });
}

interface Problem {
  readonly index: number;
  readonly what: string;
  readonly fix: string;
}

function findProblem(chunk: Buffer, decoder: TextDecoder): Problem | undefined {
  const nul = chunk.indexOf(0);
  if (nul >= 0) return { index: nul, what: 'a NUL byte', fix: 'this looks like a binary file or UTF-16 text without a byte-order mark; save it as UTF-8 CSV' };
  try {
    decoder.decode(chunk, { stream: true });
    return undefined;
  } catch {
    return { index: firstInvalidUtf8(chunk), what: 'bytes that are not valid UTF-8', fix: 'save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)' };
  }
}

/** Index of the first byte that starts an invalid UTF-8 sequence (a slow scan, run only after a failure). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > bytes.length) return i; // cut at the chunk's end: the decoder's state would tell; report here
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}
