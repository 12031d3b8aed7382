import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DispositionChangeView, TriageItem, TriagePage } from '@doorway/contracts';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { SlugParams } from '../documents/dto/params.dto';
import { UserEntity } from '../users/entities/user.entity';
import { BulkDispositionDto, ContributionIdParams, SetDispositionDto, TriageQuery } from './dto/triage.dto';
import { TriageService } from './triage.service';

@ApiTags('triage')
@Controller()
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  @Get('documents/:slug/triage')
  @Authenticated()
  @ApiOperation({ summary: 'Editors: one queue of comments, suggestions and case studies, with filters' })
  queue(@CurrentUser() user: UserEntity, @Param() params: SlugParams, @Query() query: TriageQuery): Promise<TriagePage> {
    return this.triage.queue(user, params.slug, query);
  }

  @Post('documents/:slug/triage/bulk')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Editors: give many contributions the same disposition, all or nothing' })
  bulk(@CurrentUser() user: UserEntity, @Param() params: SlugParams, @Body() body: BulkDispositionDto): Promise<{ updated: number }> {
    return this.triage.bulk(user, params.slug, body);
  }

  @Patch('contributions/:id/disposition')
  @Authenticated()
  @ApiOperation({ summary: 'Editors: record what became of a contribution, with an optional public note' })
  set(@CurrentUser() user: UserEntity, @Param() params: ContributionIdParams, @Body() body: SetDispositionDto): Promise<TriageItem> {
    return this.triage.setDisposition(user, params.id, body);
  }

  @Get('contributions/:id/dispositions')
  @Authenticated()
  @ApiOperation({ summary: 'Editors: every disposition change of a contribution' })
  history(@CurrentUser() user: UserEntity, @Param() params: ContributionIdParams): Promise<DispositionChangeView[]> {
    return this.triage.history(user, params.id);
  }
}
