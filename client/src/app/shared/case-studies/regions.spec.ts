import { matchRegions, regionOptions, resolveRegion } from './regions';

describe('regions', () => {
  it('accepts a typed two-letter country code in any case', () => {
    expect(resolveRegion('KE')).toBe('KE');
    expect(resolveRegion(' ke ')).toBe('KE');
  });

  it('accepts a three-digit UN region code, and only the offered ones', () => {
    expect(resolveRegion('002')).toBe('002');
    expect(resolveRegion('999')).toBeNull();
  });

  it('accepts names as offered, without minding case or accents', () => {
    expect(resolveRegion('Kenya')).toBe('KE');
    expect(resolveRegion('europe')).toBe('150');
    expect(resolveRegion('Kenya (KE)')).toBe('KE');
  });

  it('turns deprecated codes into current ones and refuses unknown ones', () => {
    expect(resolveRegion('UK')).toBe('GB');
    expect(resolveRegion('QQ')).toBeNull();
    expect(resolveRegion('Atlantis')).toBeNull();
    expect(resolveRegion('')).toBeNull();
  });

  it('offers UN regions and current countries only (no EU, no pseudo-locales, no duplicates)', () => {
    const codes = regionOptions().map((option) => option.code);
    expect(codes).toEqual(expect.arrayContaining(['002', '150', 'KE', 'GB', 'CD']));
    for (const code of ['EU', 'UN', 'XA', 'UK', 'ZR']) expect(codes).not.toContain(code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('suggests the exact code first, then names that start with the text', () => {
    const matches = matchRegions('ke');
    expect(matches[0]?.code).toBe('KE');
    expect(matchRegions('ken').map((m) => m.code)).toContain('KE');
  });
});
