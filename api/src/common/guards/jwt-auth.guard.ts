import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Requires a valid session cookie. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) {
      throw new UnauthorizedException({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'Sign in to do this.' });
    }
    return user;
  }
}

/** Reads the session cookie when there is one, and lets anonymous readers through. */
@Injectable()
export class OptionalJwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(_error: unknown, user: TUser | false): TUser | null {
    return user || null;
  }

  override canActivate(context: ExecutionContext) {
    return super.canActivate(context);
  }
}
