import { BadRequestException, ConflictException, HttpException, HttpStatus } from '@nestjs/common';
import type { DraftView, FieldError } from '@doorway/contracts';

/** 428: saving or publishing the draft needs `If-Match: <lockVersion>`, so that nobody overwrites blind. */
export class PreconditionRequiredException extends HttpException {
  constructor(malformed: boolean) {
    super(
      {
        statusCode: HttpStatus.PRECONDITION_REQUIRED,
        error: 'PRECONDITION_REQUIRED',
        message: malformed
          ? 'If-Match must carry the lockVersion of the draft you edited, e.g. If-Match: "3".'
          : 'Send If-Match with the lockVersion of the draft you edited, e.g. If-Match: "3".',
      },
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
}

/**
 * 412: someone saved or published the draft since the client read it. The body also carries the
 * draft as it stands now (`current`, null when there is no draft any more), so the client can
 * show what changed and let the editor merge.
 */
export class DraftChangedException extends HttpException {
  constructor(current: DraftView | null, expected: number) {
    super(
      {
        statusCode: HttpStatus.PRECONDITION_FAILED,
        error: 'DRAFT_CHANGED',
        message: current
          ? `The draft has changed since you opened it (you had lockVersion ${expected}, it is now ${current.lockVersion}). Nothing was saved.`
          : 'There is no draft any more: it has just been published. Nothing was saved.',
        current,
      },
      HttpStatus.PRECONDITION_FAILED,
    );
  }
}

export class DraftInvalidException extends BadRequestException {
  constructor(details: FieldError[]) {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '),
      details,
    });
  }
}

export class DraftEmptyException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'DRAFT_EMPTY', message: 'The draft has no paragraphs; there is nothing to publish.' });
  }
}

/** The draft cites something that may no longer go into a published version; nothing was published. */
export class PublishRefusedException extends ConflictException {
  constructor(reason: string) {
    super({ statusCode: 409, error: 'PUBLISH_REFUSED', message: `The draft cannot be published: ${reason}. Nothing was published.` });
  }
}

/** Opening the draft raced with publications several times in a row; trying again will do. */
export class DraftBusyException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'DRAFT_BUSY', message: 'The draft is being published right now; open it again in a moment.' });
  }
}
