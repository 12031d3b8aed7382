import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { UserEntity } from '../../modules/users/entities/user.entity';

/** The signed-in user; null on routes that allow anonymous readers. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserEntity | null => {
  const request = context.switchToHttp().getRequest<{ user?: UserEntity }>();
  return request.user ?? null;
});
