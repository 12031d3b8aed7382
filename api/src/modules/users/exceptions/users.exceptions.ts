import { ForbiddenException, NotFoundException } from '@nestjs/common';

export class UserNotFoundException extends NotFoundException {
  constructor(id: string) {
    super({ statusCode: 404, error: 'USER_NOT_FOUND', message: `No user ${id}.` });
  }
}

/** A coordinator who demoted themselves could leave the platform without anyone to manage roles. */
export class OwnRoleException extends ForbiddenException {
  constructor() {
    super({ statusCode: 403, error: 'OWN_ROLE', message: 'You cannot change your own role; ask another coordinator.' });
  }
}
