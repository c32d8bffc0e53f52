import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../server/engine/src/yaml/closest-name';

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('soruces', 'sources')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestName', () => {
  const keys = ['id', 'subject', 'metric', 'value', 'as_of', 'sources', 'text'];

  it('suggests the nearest key for a typo', () => {
    expect(closestName('soruces', keys)).toBe('sources');
    expect(closestName('metirc', keys)).toBe('metric');
    expect(closestName('asof', keys)).toBe('as_of');
    expect(closestName('Value', keys)).toBe('value');
  });

  it('suggests nothing when no key is close', () => {
    expect(closestName('confidence', keys)).toBeUndefined();
    expect(closestName('x', ['id'])).toBeUndefined();
  });

  it('answers quickly for a huge word', () => {
    const started = Date.now();
    expect(closestName('s'.repeat(10_000_000), keys)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('didYouMean', () => {
  it('formats a suggestion or nothing', () => {
    expect(didYouMean('warn', ['off', 'info', 'warning', 'error'])).toBe(' (did you mean "warning"?)');
    expect(didYouMean('loud', ['off', 'info', 'warning', 'error'])).toBe('');
  });
});
