import { BadRequestException, Controller, Headers, Param, Query, Sse } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { FieldError } from '@doorway/contracts';
import { MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { canSeeDocument } from '../documents/documents.service';
import { SlugParams } from '../documents/dto/params.dto';
import { UserEntity } from '../users/entities/user.entity';
import { visibleDocument } from '../versions/access';
import { findDocument } from '../versions/version-queries';
import { EVENT_ID, EVENT_ID_PROBLEM, LiveEventsQuery } from './live.dto';
import { LiveService } from './live.service';
import type { LiveMessage } from './live.service';

/** The Last-Event-ID header, checked as the validation pipe checks `since`. */
function lastEventId(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (EVENT_ID.test(header)) return header;
  const details: FieldError[] = [{ field: 'Last-Event-ID', problems: [EVENT_ID_PROBLEM] }];
  throw new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: `Last-Event-ID: ${EVENT_ID_PROBLEM}`, details });
}

@ApiTags('documents')
@Controller()
export class LiveController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly live: LiveService,
  ) {}

  @Sse('documents/:slug/events')
  @MaybeAuthenticated()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events of a document: new comments, endorsements, dispositions and phase changes',
    description:
      'Each event has the id of its sequence number and the name of its type; its data is a LiveEvent. ' +
      'A client that reconnects with Last-Event-ID (or ?since=) first receives what it missed (at most 1,000 events).',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received' })
  @ApiNotFoundResponse({ description: 'No such document, or a draft-phase document and not an editor' })
  @ApiBadRequestResponse({ description: 'since or Last-Event-ID is not a positive integer' })
  async events(
    @CurrentUser() user: UserEntity | null,
    @Param() params: SlugParams,
    @Query() query: LiveEventsQuery,
    @Headers('last-event-id') header: string | undefined,
  ): Promise<Observable<LiveMessage>> {
    const since = lastEventId(header) ?? query.since ?? null;
    // Checked before the stream opens, so that a refusal is an ordinary JSON error.
    const document = visibleDocument(user, params.slug, await findDocument(this.db.manager, params.slug));
    return this.live.stream(document.id, since, !canSeeDocument(user, 'draft'));
  }
}
