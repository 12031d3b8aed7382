import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtAuthGuard, OptionalJwtAuthGuard, SessionTokenGuard } from '../guards/jwt-auth.guard';

/** A route for signed-in users behind `guard`, as the API docs show it. */
function signedIn(guard: typeof JwtAuthGuard | typeof SessionTokenGuard): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(guard),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: 'Signed in, but not allowed' }),
  );
}

/**
 * Requires a signed-in user. Who may do what to which object is decided in the service, which
 * receives the user; this only establishes who is asking.
 */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return signedIn(JwtAuthGuard);
}

/**
 * Requires a signed-in user, like @Authenticated, but only checks the session cookie's signature
 * and expiry: the handler receives the token (@CurrentSession) and its service must confirm it
 * against the user's row (the epoch, the account still there) in the statement that does the
 * work, refusing with signInRequired() when that finds nothing. For the busiest writes, where
 * loading the user first is a round trip of its own.
 */
export function AuthenticatedByToken(): MethodDecorator & ClassDecorator {
  return signedIn(SessionTokenGuard);
}

/** Anonymous readers are welcome; a signed-in user is recognised. */
export function MaybeAuthenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(OptionalJwtAuthGuard));
}
