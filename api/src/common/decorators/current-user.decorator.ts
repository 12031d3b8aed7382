import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UserEntity } from '../../modules/users/entities/user.entity';
import type { SessionToken } from '../../modules/users/users.service';

/** The signed-in user; null on routes that allow anonymous readers. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserEntity | null => {
  const request = context.switchToHttp().getRequest<{ user?: UserEntity | SessionToken | null }>();
  const user = request.user ?? null;
  // A route under @AuthenticatedByToken has only the token: its user has not been loaded.
  if (user !== null && !(user instanceof UserEntity)) throw new Error('@CurrentUser() on a route whose user is not loaded: use @CurrentSession()');
  return user;
});

/** The session token of a route under @AuthenticatedByToken, still to be confirmed by its service. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionToken => {
  const request = context.switchToHttp().getRequest<{ user?: SessionToken | null }>();
  if (!request.user) throw new Error('@CurrentSession() on a route without @AuthenticatedByToken()');
  return request.user;
});
