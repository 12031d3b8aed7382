import { ConflictException, NotFoundException } from '@nestjs/common';

export class DocumentNotFoundException extends NotFoundException {
  constructor(slug: string) {
    super({ statusCode: 404, error: 'DOCUMENT_NOT_FOUND', message: `No document "${slug}".` });
  }
}

export class ParagraphNotFoundException extends NotFoundException {
  constructor(slug: string, key: string) {
    super({ statusCode: 404, error: 'PARAGRAPH_NOT_FOUND', message: `Document "${slug}" has no paragraph "${key}".` });
  }
}

export class NoPublishedVersionException extends NotFoundException {
  constructor(slug: string) {
    super({ statusCode: 404, error: 'NO_PUBLISHED_VERSION', message: `Document "${slug}" has no published version yet.` });
  }
}

export class VersionNotFoundException extends NotFoundException {
  constructor(slug: string, number: number) {
    super({ statusCode: 404, error: 'VERSION_NOT_FOUND', message: `Document "${slug}" has no published version ${number}.` });
  }
}

/** Comments, replies, suggestions and endorsements are refused outside the open phase or after the deadline. */
export class ConsultationClosedException extends ConflictException {
  constructor(reason: string) {
    super({ statusCode: 409, error: 'CONSULTATION_CLOSED', message: `This document is not open for comment: ${reason}` });
  }
}
