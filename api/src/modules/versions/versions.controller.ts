import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { DocumentVersionView, DraftView, ParagraphHistory, VersionDiff, VersionSummary } from '@doorway/contracts';
import { Authenticated, MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { ParagraphParams, SlugParams } from '../documents/dto/params.dto';
import { UserEntity } from '../users/entities/user.entity';
import { DraftsService } from './drafts.service';
import { DiffQuery, PublishDto, SaveDraftDto, VersionParams } from './dto/version.dto';
import { VersionsService } from './versions.service';

const IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: 'The lockVersion of the draft the editor read: "3", 3 or W/"3"',
} as const;

@ApiTags('versions')
@Controller('documents/:slug')
export class VersionsController {
  constructor(
    private readonly versions: VersionsService,
    private readonly drafts: DraftsService,
  ) {}

  @Get('versions')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'The published versions, oldest first (editors also see the draft of the next one)' })
  list(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams): Promise<VersionSummary[]> {
    return this.versions.list(user, params.slug);
  }

  @Get('versions/:number')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'A published version, shaped like the current one' })
  version(@CurrentUser() user: UserEntity | null, @Param() params: VersionParams): Promise<DocumentVersionView> {
    return this.versions.version(user, params.slug, params.number);
  }

  @Get('diff')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'Two published versions aligned by paragraph key, with word-level changes' })
  diff(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams, @Query() query: DiffQuery): Promise<VersionDiff> {
    return this.versions.diff(user, params.slug, query.from, query.to);
  }

  @Get('paragraphs/:key/history')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'One paragraph through every published version, with what shaped each revision' })
  history(@CurrentUser() user: UserEntity | null, @Param() params: ParagraphParams): Promise<ParagraphHistory> {
    return this.versions.history(user, params.slug, params.key);
  }

  @Get('draft')
  @Authenticated()
  @ApiOperation({ summary: 'Editors: the draft of the next version (created from the current one if there is none)' })
  draft(@CurrentUser() user: UserEntity, @Param() params: SlugParams): Promise<DraftView> {
    return this.drafts.open(user, params.slug);
  }

  @Put('draft')
  @Authenticated()
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Editors: save the whole draft, if nobody saved it since (If-Match: lockVersion)' })
  @ApiResponse({ status: 412, description: 'DRAFT_CHANGED: saved by someone else meanwhile; `current` holds the draft as it is now' })
  @ApiResponse({ status: 428, description: 'PRECONDITION_REQUIRED: no usable If-Match' })
  save(
    @CurrentUser() user: UserEntity,
    @Param() params: SlugParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SaveDraftDto,
  ): Promise<DraftView> {
    return this.drafts.save(user, params.slug, ifMatch, body);
  }

  @Post('draft/publish')
  @HttpCode(200)
  @Authenticated()
  @Idempotent()
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Editors: publish the draft as the next version, recording what each change answered' })
  @ApiResponse({ status: 412, description: 'DRAFT_CHANGED: saved or published by someone else meanwhile' })
  @ApiResponse({ status: 428, description: 'PRECONDITION_REQUIRED: no usable If-Match' })
  publish(
    @CurrentUser() user: UserEntity,
    @Param() params: SlugParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PublishDto,
  ): Promise<DocumentVersionView> {
    return this.drafts.publish(user, params.slug, ifMatch, body);
  }
}
