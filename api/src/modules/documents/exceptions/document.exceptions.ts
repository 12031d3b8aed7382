import { NotFoundException } from '@nestjs/common';

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
