import { Body, Controller, Get, HttpCode, Param, Post, Query, Sse, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type { ExportJobView } from '@doorway/contracts';
import { Authenticated, MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { UserEntity } from '../users/entities/user.entity';
import { VersionParams } from '../versions/dto/version.dto';
import { CreateExportDto, DirectExportQuery, ExportJobParams } from './dto/export.dto';
import { ExportsService } from './exports.service';
import type { ExportFile } from './exports.service';

function download(file: ExportFile): StreamableFile {
  return new StreamableFile(file.data, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.data.length,
  });
}

@ApiTags('exports')
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('documents/:slug/versions/:number/export')
  @MaybeAuthenticated()
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf', 'text/markdown', 'text/html')
  @ApiOperation({ summary: 'Download the consolidated document of a small consultation straight away (larger ones: start a job)' })
  @ApiNotFoundResponse({ description: 'No such document or version, or an unpublished draft and not an editor' })
  @ApiConflictResponse({ description: 'EXPORT_TOO_LARGE: start an export job instead' })
  async direct(@CurrentUser() user: UserEntity | null, @Param() params: VersionParams, @Query() query: DirectExportQuery): Promise<StreamableFile> {
    return download(await this.exports.direct(user, params.slug, params.number, query.format, query.annexes ?? []));
  }

  @Post('documents/:slug/versions/:number/exports')
  @Authenticated()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start building an export of a version; follow it at /api/exports/{id} or its events' })
  @ApiAcceptedResponse({ description: 'The job, queued (or the same export already under way)' })
  @ApiNotFoundResponse({ description: 'No such document or version, or an unpublished draft and not an editor' })
  start(@CurrentUser() user: UserEntity, @Param() params: VersionParams, @Body() body: CreateExportDto): Promise<ExportJobView> {
    return this.exports.start(user, params.slug, params.number, body.format, body.annexes);
  }

  @Get('exports/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One of your export jobs: status and progress' })
  @ApiNotFoundResponse({ description: 'No such job of yours' })
  find(@CurrentUser() user: UserEntity, @Param() params: ExportJobParams): Promise<ExportJobView> {
    return this.exports.find(user, params.id);
  }

  @Sse('exports/:id/events')
  @Authenticated()
  @ApiOperation({ summary: 'Server-sent events with the job whenever it changes, until it is done or failed' })
  @ApiNotFoundResponse({ description: 'No such job of yours' })
  async events(@CurrentUser() user: UserEntity, @Param() params: ExportJobParams): Promise<Observable<{ type: string; data: ExportJobView }>> {
    // Checked before the stream opens, so that a refusal is an ordinary JSON error.
    await this.exports.find(user, params.id);
    return this.exports.events(user, params.id);
  }

  @Get('exports/:id/file')
  @Authenticated()
  @ApiOperation({ summary: 'The file of a finished export job' })
  @ApiNotFoundResponse({ description: 'No such job of yours' })
  @ApiConflictResponse({ description: 'EXPORT_NOT_READY' })
  async file(@CurrentUser() user: UserEntity, @Param() params: ExportJobParams): Promise<StreamableFile> {
    return download(await this.exports.file(user, params.id));
  }
}
