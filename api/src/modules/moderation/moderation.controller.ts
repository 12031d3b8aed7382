import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ModerationItem, ModerationPage, ReportResult } from '@doorway/contracts';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { UserEntity } from '../users/entities/user.entity';
import { ContributionParams, HideDto, ModerationQueueQuery, ReportDto, RestoreDto } from './dto/moderation.dto';
import { ModerationService } from './moderation.service';

@ApiTags('moderation')
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post('comments/:id/reports')
  @Authenticated()
  @ApiOperation({ summary: "Report someone else's comment, reply or suggestion, once, giving a reason" })
  report(@CurrentUser() user: UserEntity, @Param() params: ContributionParams, @Body() body: ReportDto): Promise<ReportResult> {
    return this.moderation.report(user, params.id, body);
  }

  @Get('moderation/queue')
  @Authenticated()
  @ApiOperation({ summary: 'Editors: reported and hidden contributions, the most recent first' })
  queue(@CurrentUser() user: UserEntity, @Query() query: ModerationQueueQuery): Promise<ModerationPage> {
    return this.moderation.queue(user, query);
  }

  @Post('contributions/:id/hide')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Editors: hide a contribution, giving the reason readers will see' })
  hide(@CurrentUser() user: UserEntity, @Param() params: ContributionParams, @Body() body: HideDto): Promise<ModerationItem> {
    return this.moderation.hide(user, params.id, body);
  }

  @Post('contributions/:id/restore')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Editors: show a hidden or reported contribution again, giving a reason' })
  restore(@CurrentUser() user: UserEntity, @Param() params: ContributionParams, @Body() body: RestoreDto): Promise<ModerationItem> {
    return this.moderation.restore(user, params.id, body);
  }
}
