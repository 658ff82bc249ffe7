import { describe, expect, it } from 'vitest';
import { bindSpecParams, numericParams } from '../../src/reports/spec-params.ts';

describe('bindSpecParams', () => {
  it('replaces "p:name" strings anywhere in a spec with the number', () => {
    const spec = {
      layer: [{ encoding: { x: { datum: 'p:lo' }, x2: { datum: 'p:hi' } } }],
      title: 'p: not a reference',
    };
    expect(bindSpecParams(spec, { lo: 0.3, hi: 0.45 })).toEqual({
      layer: [{ encoding: { x: { datum: 0.3 }, x2: { datum: 0.45 } } }],
      title: 'p: not a reference',
    });
  });

  it('names the unknown parameter', () => {
    expect(() => bindSpecParams({ x: 'p:nope' }, { lo: 1 })).toThrow(/"p:nope".*lo/);
  });
});

describe('numericParams', () => {
  it('keeps the numbers only', () => {
    expect(numericParams({ a: 1, day: { days: 3 }, b: 'x' })).toEqual({ a: 1 });
  });
});
