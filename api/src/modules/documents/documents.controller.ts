import { Body, Controller, Get, Param, Patch, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentSummary } from '@doorway/contracts';
import { Authenticated, MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { sendCached } from '../../common/http/content-encoding';
import { UserEntity } from '../users/entities/user.entity';
import { DocumentsService } from './documents.service';
import { SlugParams } from './dto/params.dto';
import { SetPhaseDto } from './dto/phase.dto';

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'List the documents open for reading (editors also see those in the draft phase)' })
  list(@CurrentUser() user: UserEntity | null): Promise<DocumentSummary[]> {
    return this.documents.list(user);
  }

  @Get(':slug')
  @MaybeAuthenticated()
  @ApiOperation({ summary: "A document's current version: sections, numbered paragraphs, comment counts by group, provenance" })
  @ApiNotFoundResponse({ description: 'No such document, nothing published yet, or a draft-phase document and not an editor' })
  @ApiOkResponse({ description: 'DocumentVersionView (see libs/contracts), with an ETag; brotli or gzip when accepted' })
  async current(
    @CurrentUser() user: UserEntity | null,
    @Param() params: SlugParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // Sent as the cached JSON bytes (or their cached compressed form): no serialization, and its ETag is already known.
    const view = await this.documents.current(user, params.slug);
    return sendCached(request, reply, view);
  }

  @Patch(':slug/phase')
  @Authenticated()
  @ApiOperation({ summary: 'Coordinators: set the consultation phase and the comment deadline' })
  setPhase(@CurrentUser() user: UserEntity, @Param() params: SlugParams, @Body() body: SetPhaseDto): Promise<DocumentSummary> {
    return this.documents.setPhase(user, params.slug, body);
  }
}
