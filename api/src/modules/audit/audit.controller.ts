import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@doorway/contracts';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { UserEntity } from '../users/entities/user.entity';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Coordinators: the audit log, newest first, filtered by action, actor, document and dates' })
  list(@CurrentUser() user: UserEntity, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(user, query);
  }
}
