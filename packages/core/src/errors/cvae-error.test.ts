import { describe, expect, it } from 'vitest';
import { CvaeError } from './cvae-error.js';

describe('CvaeError', () => {
  it('formats part, problem and fix on one line and keeps the cause', () => {
    const cause = new Error('inner');
    const error = new CvaeError('tabular', 'a.csv line 3: bad', { fix: 'correct the cell', cause });
    expect(error.message).toBe('[cvae] [tabular] a.csv line 3: bad; fix: correct the cell');
    expect([error.part, error.detail, error.fix, error.cause]).toEqual(['tabular', 'a.csv line 3: bad', 'correct the cell', cause]);
  });

  it('is recognised by brand, also across copies of the class', () => {
    expect(CvaeError.is(new CvaeError('x', 'y'))).toBe(true);
    expect(CvaeError.is(Object.assign(new Error('[cvae] [x] y'), { [Symbol.for('cvae.error')]: true }))).toBe(true);
    expect(CvaeError.is(new Error('[cvae] [x] looks alike'))).toBe(false);
    expect(CvaeError.is(undefined)).toBe(false);
  });
});
