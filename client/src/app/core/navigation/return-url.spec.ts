import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('accepts paths on this site', () => {
    expect(safeReturnUrl('/documents/bpf-cybersecurity-2016#p-abc')).toBe('/documents/bpf-cybersecurity-2016#p-abc');
  });

  it('refuses other sites, missing values and the auth pages', () => {
    expect(safeReturnUrl('https://evil.example/')).toBeNull();
    expect(safeReturnUrl('//evil.example/')).toBeNull();
    expect(safeReturnUrl('/\\evil.example')).toBeNull();
    expect(safeReturnUrl(undefined)).toBeNull();
    expect(safeReturnUrl('/sign-in?returnUrl=/x')).toBeNull();
    expect(safeReturnUrl('/register')).toBeNull();
    expect(safeReturnUrl('/registered-users')).toBe('/registered-users');
  });
});
