import { ConflictException, ForbiddenException } from '@nestjs/common';

export class AlreadyReportedException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'ALREADY_REPORTED', message: 'You have already reported this.' });
  }
}

export class OwnContributionReportException extends ForbiddenException {
  constructor() {
    super({ statusCode: 403, error: 'OWN_CONTRIBUTION', message: 'You cannot report your own contribution; you can edit or delete it.' });
  }
}

export class AlreadyHiddenException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'ALREADY_HIDDEN', message: 'This is already hidden.' });
  }
}

export class NothingToRestoreException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'NOTHING_TO_RESTORE', message: 'This is neither hidden nor reported.' });
  }
}
