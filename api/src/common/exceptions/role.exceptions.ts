import { ForbiddenException } from '@nestjs/common';
import type { Role } from '@doorway/contracts';

export class RoleRequiredException extends ForbiddenException {
  constructor(role: Role) {
    super({ statusCode: 403, error: 'ROLE_REQUIRED', message: `Only ${role}s can do this.` });
  }
}
