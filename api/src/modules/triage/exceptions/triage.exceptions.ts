import { BadRequestException, NotFoundException } from '@nestjs/common';

export class ContributionNotFoundException extends NotFoundException {
  constructor(id: string) {
    super({ statusCode: 404, error: 'CONTRIBUTION_NOT_FOUND', message: `No contribution ${id}.` });
  }
}

export class InvalidDuplicateException extends BadRequestException {
  constructor(problem: string) {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: `duplicateOf: ${problem}`,
      details: [{ field: 'duplicateOf', problems: [problem] }],
    });
  }
}

export class ForeignContributionsException extends BadRequestException {
  constructor(ids: string[]) {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: `ids: not contributions of this document: ${ids.join(', ')}`,
      details: [{ field: 'ids', problems: [`not contributions of this document: ${ids.join(', ')}`] }],
    });
  }
}
