import { ExecutionContext, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';

/**
 * Passport reports a missing or bad token as "no user", and anything that broke while checking
 * it (the database down while loading the user) as an error. Only the first means "sign in": the
 * second stays a server error, which clients retry, instead of looking like a sign-out.
 */
function serverFault(error: unknown): boolean {
  return error instanceof Error && !(error instanceof HttpException) && error.name !== 'JsonWebTokenError' && error.name !== 'TokenExpiredError';
}
import { AuthGuard } from '@nestjs/passport';
import { SESSION_COOKIE, SESSION_TOKEN_STRATEGY } from '../../modules/auth/strategies/jwt.strategy';

/** The answer to a request that needs a session and has none (or one that has ended). */
export function signInRequired(): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'Sign in to do this.' });
}

/** Requires a valid session cookie. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (serverFault(error)) throw error;
    if (error || !user) throw signInRequired();
    return user;
  }
}

/**
 * Requires a session cookie that is signed and unexpired, without loading its user: the service
 * confirms the session in its own statement (see SessionTokenStrategy and @AuthenticatedByToken).
 */
@Injectable()
export class SessionTokenGuard extends AuthGuard(SESSION_TOKEN_STRATEGY) {
  override handleRequest<TUser>(error: unknown, token: TUser | false): TUser {
    if (serverFault(error)) throw error;
    if (error || !token) throw signInRequired();
    return token;
  }
}

/** Reads the session cookie when there is one, and lets anonymous readers through. */
@Injectable()
export class OptionalJwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser | null {
    if (serverFault(error)) throw error;
    return user || null;
  }

  override canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<{ cookies?: Record<string, string | undefined>; user?: unknown }>();
    if (!request.cookies?.[SESSION_COOKIE]) {
      // No session cookie: an anonymous reader, as passport would conclude too, but only after
      // building an Error (with its stack) for "no auth token": 4 % of the API's CPU on the
      // document read under load (B1's profile).
      request.user = null;
      return true;
    }
    return super.canActivate(context);
  }
}
