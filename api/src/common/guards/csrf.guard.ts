import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_SECRET_COOKIE = 'doorway_csrf';
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header. */
export const CSRF_TOKEN_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

const tokens = new Tokens({ userInfo: false });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface CookieRequest extends FastifyRequest {
  cookies: Record<string, string | undefined>;
}

/**
 * Gives every visitor a CSRF secret (httpOnly) and a token derived from it (readable by the page),
 * so that the first GET arms the client.
 */
export function issueCsrfToken(request: CookieRequest, reply: FastifyReply, secure: boolean): void {
  if (request.cookies[CSRF_SECRET_COOKIE] && request.cookies[CSRF_TOKEN_COOKIE]) return;
  const secret = tokens.secretSync();
  const cookie = { path: '/', sameSite: 'strict' as const, secure };
  void reply.setCookie(CSRF_SECRET_COOKIE, secret, { ...cookie, httpOnly: true });
  void reply.setCookie(CSRF_TOKEN_COOKIE, tokens.create(secret), { ...cookie, httpOnly: false });
}

/**
 * Double-submit protection for every write: the header must carry a token signed for the secret in
 * the httpOnly cookie. A cross-site form cannot read the token, so it cannot forge a write.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<CookieRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const secret = request.cookies[CSRF_SECRET_COOKIE];
    const header = request.headers[CSRF_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    if (!secret || !token || !tokens.verify(secret, token)) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'CSRF_TOKEN_INVALID',
        message: 'Missing or invalid X-XSRF-TOKEN header; reload the page and try again.',
      });
    }
    return true;
  }
}
