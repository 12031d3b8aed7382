import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { AUDIT_ACTIONS } from '@doorway/contracts';
import type { AuditAction, AuditQuery } from '@doorway/contracts';
import { CursorPageQuery } from '../../../common/dto/cursor-page.query';

/** Audit cursors carry a timestamp and an id, longer than the other lists' cursors. */
export class AuditQueryDto extends CursorPageQuery(200) implements AuditQuery {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `must be one of ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who acted' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actor?: string;

  @ApiPropertyOptional({ description: 'Document slug' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'must be a document slug' })
  document?: string;

  @ApiPropertyOptional({ description: 'On or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date' })
  to?: string;
}
