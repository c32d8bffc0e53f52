// Shared strings save memory only; they must never change a value.
import { describe, expect, it } from 'vitest';
import { sharedString, sharedYear } from '../../server/engine/src/text/shared-strings';

describe('sharedYear', () => {
  it('gives back every year 1900–2099 as written', () => {
    for (let year = 1900; year <= 2099; year++) expect(sharedYear(String(year))).toBe(String(year));
  });

  it('gives back anything else unchanged, even what Number() would read as a year', () => {
    for (const value of ['1899', '2100', '2e3 ', ' 202', '0x7E', '２０２４', '2024-05', '202', '', '20.4', '+202']) expect(sharedYear(value)).toBe(value);
  });
});

describe('sharedString', () => {
  it('gives back an equal string, short or long, past the cap too', () => {
    const long = 'x'.repeat(500);
    expect(sharedString(long)).toBe(long);
    for (let i = 0; i < 25_000; i++) expect(sharedString(`source-${i}`)).toBe(`source-${i}`);
    expect(sharedString('source-3')).toBe('source-3');
  });
});
