import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { OpenDataContributionPage, OpenDataSchema } from '@doorway/contracts';
import { MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { SlugParams } from '../documents/dto/params.dto';
import { UserEntity } from '../users/entities/user.entity';
import { NoQuery, OpenDataPageQuery } from './dto/open-data.dto';
import { OpenDataService } from './open-data.service';

const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

function download(stream: Readable, type: string, filename: string): StreamableFile {
  return new StreamableFile(stream, { type, disposition: `attachment; filename="${filename}"` });
}

/** Open data for anyone: reading rules as for the document itself, and only public content. */
@ApiTags('open data')
@Controller()
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('open-data/schema')
  @ApiOperation({ summary: 'The documented, stable columns of the open-data files, with a description of each' })
  schema(): OpenDataSchema {
    return this.openData.schema();
  }

  @Get('documents/:slug/open-data/contributions')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'Public comments, replies and suggestions, a page at a time (keyset cursor on created_at, id)' })
  @ApiNotFoundResponse({ description: 'No such document, or a draft-phase document and not an editor' })
  page(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams, @Query() query: OpenDataPageQuery): Promise<OpenDataContributionPage> {
    return this.openData.contributionsPage(user, params.slug, query.cursor, query.limit);
  }

  @Get('documents/:slug/open-data/contributions.csv')
  @MaybeAuthenticated()
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Download every public comment, reply and suggestion as CSV (UTF-8 with BOM)' })
  async contributionsCsv(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams, @Query() _query: NoQuery): Promise<StreamableFile> {
    const document = await this.openData.document(user, params.slug);
    return download(this.openData.contributionsCsv(document), CSV, `${document.slug}-contributions.csv`);
  }

  @Get('documents/:slug/open-data/contributions.json')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'Download every public comment, reply and suggestion as a JSON array' })
  async contributionsJson(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams, @Query() _query: NoQuery): Promise<StreamableFile> {
    const document = await this.openData.document(user, params.slug);
    return download(this.openData.contributionsJson(document), JSON_TYPE, `${document.slug}-contributions.json`);
  }

  @Get('documents/:slug/open-data/case-studies.csv')
  @MaybeAuthenticated()
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Download the accepted case studies as CSV (UTF-8 with BOM)' })
  async caseStudiesCsv(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams, @Query() _query: NoQuery): Promise<StreamableFile> {
    const document = await this.openData.document(user, params.slug);
    return download(this.openData.caseStudiesCsv(document), CSV, `${document.slug}-case-studies.csv`);
  }

  @Get('documents/:slug/open-data/case-studies.json')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'Download the accepted case studies as a JSON array' })
  async caseStudiesJson(@CurrentUser() user: UserEntity | null, @Param() params: SlugParams, @Query() _query: NoQuery): Promise<StreamableFile> {
    const document = await this.openData.document(user, params.slug);
    return download(this.openData.caseStudiesJson(document), JSON_TYPE, `${document.slug}-case-studies.json`);
  }
}

