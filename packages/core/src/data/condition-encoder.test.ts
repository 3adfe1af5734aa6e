import { describe, expect, it } from 'vitest';
import { conditionSize, encodeCondition, parseConditionArgument, type ConditionAttribute } from './condition-encoder.js';
import { unconditioned } from './unconditioned.js';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';

const attributes: ConditionAttribute[] = [
  { name: 'species', kind: 'categorical', classes: ['Adelie', 'Chinstrap', 'Gentoo'] },
  { name: 'mass', kind: 'continuous', mean: 4000, std: 800 },
  { name: 'island', kind: 'categorical', classes: ['Biscoe', 'Dream'] },
];

describe('condition encoding', () => {
  it('concatenates one-hot classes and standardised numbers in attribute order', () => {
    expect(conditionSize(attributes)).toBe(6);
    expect(Array.from(encodeCondition(attributes, { species: 'Gentoo', mass: 4800, island: 'Biscoe' }))).toEqual([0, 0, 1, 1, 1, 0]);
    expect(Array.from(encodeCondition(attributes, { species: 'Adelie', mass: '3600', island: 'Dream' }))).toEqual([1, 0, 0, -0.5, 0, 1]);
  });

  it('refuses unknown attributes, classes, missing values and non-numbers, naming what is allowed', () => {
    expect(() => encodeCondition(attributes, { species: 'Emperor', mass: 1, island: 'Dream' })).toThrow(/"Emperor" is not a class of "species"; the classes are Adelie, Chinstrap, Gentoo/);
    expect(() => encodeCondition(attributes, { species: 'Gentoo', island: 'Dream' })).toThrow(/no value for attribute "mass"/);
    expect(() => encodeCondition(attributes, { species: 'Gentoo', mass: 'heavy', island: 'Dream' })).toThrow(/"mass" takes a number, found "heavy"/);
    expect(() => encodeCondition(attributes, { species: 'Gentoo', mass: 1, island: 'Dream', beak: 3 })).toThrow(/unknown attribute "beak"; the attributes are species, mass, island/);
  });

  it('parses name=value lists', () => {
    expect(parseConditionArgument('species=Gentoo, mass=4800')).toEqual({ species: 'Gentoo', mass: '4800' });
    expect(() => parseConditionArgument('Gentoo')).toThrow(/expected name=value, found "Gentoo"/);
  });

  it('keeps a comma inside a value when no name= follows it', () => {
    expect(parseConditionArgument('city=Washington, DC')).toEqual({ city: 'Washington, DC' });
    expect(parseConditionArgument('city=Washington, DC,year=2000')).toEqual({ city: 'Washington, DC', year: '2000' });
    expect(parseConditionArgument('size=1,000,label=a')).toEqual({ size: '1,000', label: 'a' });
    expect(() => parseConditionArgument('Gentoo,mass=1')).toThrow(/expected name=value, found "Gentoo"/);
  });
});

describe('unconditioned', () => {
  it('keeps x and replaces c by a constant 1', async () => {
    const data = syntheticDataset({ classes: 3, inputSize: 5, trainSize: 10, testSize: 4 });
    const plain = unconditioned(data);
    expect(plain.spec.condition.size).toBe(1);
    expect(plain.spec.input).toEqual(data.spec.input);
    const original = [];
    for await (const b of data.batches('test', 3)) original.push(Array.from(b.x));
    const wrapped = [];
    for await (const b of plain.batches('test', 3)) {
      wrapped.push(Array.from(b.x));
      expect(Array.from(b.c)).toEqual(new Array(b.size).fill(1));
    }
    expect(wrapped).toEqual(original);
  });
});
