import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';

export class CommentNotFoundException extends NotFoundException {
  constructor(id: string) {
    super({ statusCode: 404, error: 'COMMENT_NOT_FOUND', message: `No comment ${id}.` });
  }
}

export class NotYourCommentException extends ForbiddenException {
  constructor(action: 'edit' | 'delete') {
    super({ statusCode: 403, error: 'NOT_YOUR_COMMENT', message: `Only the author can ${action} this comment.` });
  }
}

export class CommentDeletedException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'COMMENT_DELETED', message: 'This comment has been deleted.' });
  }
}

export class QuoteNotInParagraphException extends BadRequestException {
  constructor(paragraphNumber: number) {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: `quote.exact: does not occur in paragraph ${paragraphNumber}`,
      details: [{ field: 'quote.exact', problems: [`does not occur in paragraph ${paragraphNumber}`] }],
    });
  }
}

/** Shared by every cursor-paged list; re-exported here for the comment and open-data services. */
export { InvalidCursorException } from '../../../common/exceptions/cursor.exceptions';

export class AlreadyEndorsedException extends ConflictException {
  constructor() {
    super({ statusCode: 409, error: 'ALREADY_ENDORSED', message: 'You have already endorsed this.' });
  }
}

export class SuggestionAlreadyTriagedException extends ConflictException {
  constructor() {
    super({
      statusCode: 409,
      error: 'SUGGESTION_TRIAGED',
      message: 'An editor has already recorded what became of this suggestion, so it can no longer be withdrawn.',
    });
  }
}

export class UnknownParagraphsException extends BadRequestException {
  constructor(keys: string[]) {
    super({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: `alsoParagraphs: unknown paragraphs ${keys.join(', ')}`,
      details: [{ field: 'alsoParagraphs', problems: [`unknown paragraphs: ${keys.join(', ')}`] }],
    });
  }
}
