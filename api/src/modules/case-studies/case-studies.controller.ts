import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseStudyCard, CaseStudyGallery, CaseStudyView } from '@doorway/contracts';
import { Authenticated, MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { SlugParams } from '../documents/dto/params.dto';
import { UserEntity } from '../users/entities/user.entity';
import { CaseStudiesService } from './case-studies.service';
import { CaseStudyIdParams, DecideCaseStudyDto, GalleryQuery, QueueQuery, SaveCaseStudyDto } from './dto/case-study.dto';

@ApiTags('case studies')
@Controller()
export class CaseStudiesController {
  constructor(private readonly caseStudies: CaseStudiesService) {}

  @Get('case-studies')
  @ApiOperation({ summary: 'The public gallery: accepted case studies with filters, search and facet counts' })
  gallery(@Query() query: GalleryQuery): Promise<CaseStudyGallery> {
    return this.caseStudies.gallery(query);
  }

  @Get('case-studies/queue')
  @Authenticated()
  @ApiOperation({ summary: 'Editors: case studies waiting for review' })
  queue(@CurrentUser() user: UserEntity, @Query() query: QueueQuery): Promise<CaseStudyCard[]> {
    return this.caseStudies.queue(user, query);
  }

  @Get('me/case-studies')
  @Authenticated()
  @ApiOperation({ summary: 'My case studies, in every state' })
  mine(@CurrentUser() user: UserEntity): Promise<CaseStudyCard[]> {
    return this.caseStudies.mine(user);
  }

  @Get('case-studies/:id')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'One case study: public once accepted, else only to its submitter and editors' })
  get(@CurrentUser() user: UserEntity | null, @Param() params: CaseStudyIdParams): Promise<CaseStudyView> {
    return this.caseStudies.get(user, params.id);
  }

  @Post('documents/:slug/case-studies')
  @Authenticated()
  @Idempotent()
  @ApiOperation({ summary: 'Start a case study (a private draft) on a document' })
  create(@CurrentUser() user: UserEntity, @Param() params: SlugParams, @Body() body: SaveCaseStudyDto): Promise<CaseStudyView> {
    return this.caseStudies.create(user, params.slug, body);
  }

  @Patch('case-studies/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Save changes to my draft (or to one sent back for changes)' })
  update(@CurrentUser() user: UserEntity, @Param() params: CaseStudyIdParams, @Body() body: SaveCaseStudyDto): Promise<CaseStudyView> {
    return this.caseStudies.update(user, params.id, body);
  }

  @Post('case-studies/:id/submit')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Submit my case study for review' })
  submit(@CurrentUser() user: UserEntity, @Param() params: CaseStudyIdParams): Promise<CaseStudyView> {
    return this.caseStudies.submit(user, params.id);
  }

  @Post('case-studies/:id/assign')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Editors: take a case study into review' })
  assign(@CurrentUser() user: UserEntity, @Param() params: CaseStudyIdParams): Promise<CaseStudyView> {
    return this.caseStudies.assign(user, params.id);
  }

  @Post('case-studies/:id/decision')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Editors: accept, request changes or decline' })
  decide(@CurrentUser() user: UserEntity, @Param() params: CaseStudyIdParams, @Body() body: DecideCaseStudyDto): Promise<CaseStudyView> {
    return this.caseStudies.decide(user, params.id, body);
  }
}
