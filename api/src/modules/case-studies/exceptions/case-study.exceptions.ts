import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { CaseStudyStatus, FieldError } from '@doorway/contracts';

/** Also what someone gets for another person's draft: its existence is not theirs to know. */
export class CaseStudyNotFoundException extends NotFoundException {
  constructor(id: string) {
    super({ statusCode: 404, error: 'CASE_STUDY_NOT_FOUND', message: `No case study ${id}.` });
  }
}

export class CaseStudyTransitionException extends ConflictException {
  constructor(action: string, status: CaseStudyStatus) {
    super({
      statusCode: 409,
      error: 'CASE_STUDY_WRONG_STATUS',
      message: `Cannot ${action} a case study that is ${status.replace('_', ' ')}.`,
    });
  }
}

export class CaseStudyIncompleteException extends BadRequestException {
  constructor(details: FieldError[]) {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '),
      details,
    });
  }
}
