import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtAuthGuard, OptionalJwtAuthGuard } from '../guards/jwt-auth.guard';

/**
 * Requires a signed-in user. Who may do what to which object is decided in the service, which
 * receives the user; this only establishes who is asking.
 */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: 'Signed in, but not allowed' }),
  );
}

/** Anonymous readers are welcome; a signed-in user is recognised. */
export function MaybeAuthenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(OptionalJwtAuthGuard));
}
