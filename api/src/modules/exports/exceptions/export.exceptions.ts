import { ConflictException, NotFoundException } from '@nestjs/common';
import { DIRECT_EXPORT_MAX_CONTRIBUTIONS } from '@doorway/contracts';

/** Someone else's job, or none: the same answer, so job ids reveal nothing. */
export class ExportJobNotFoundException extends NotFoundException {
  constructor(id: string) {
    super({ statusCode: 404, error: 'EXPORT_NOT_FOUND', message: `No export job ${id} of yours.` });
  }
}

export class ExportNotReadyException extends ConflictException {
  constructor(status: string) {
    super({ statusCode: 409, error: 'EXPORT_NOT_READY', message: `The export is ${status}; its file is not ready.` });
  }
}

/** A direct download is for small documents; a large one would hold the request (and memory) too long. */
export class ExportTooLargeException extends ConflictException {
  constructor(contributions: number) {
    super({
      statusCode: 409,
      error: 'EXPORT_TOO_LARGE',
      message:
        `This document has ${contributions} contributions, more than the ${DIRECT_EXPORT_MAX_CONTRIBUTIONS} a direct download serves. ` +
        'Start an export job instead: POST /api/documents/{slug}/versions/{number}/exports.',
    });
  }
}
