/**
 * A returnUrl from the query string, if it is safe to go back to: an absolute path on this site
 * (never `//evil.example` or `https://…`), and not the sign-in or register pages themselves.
 */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/^\/(sign-in|register)(?:[/?#]|$)/.test(value)) return null;
  return value;
}
