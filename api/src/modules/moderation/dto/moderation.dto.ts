import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { MODERATION_LIMITS, MODERATION_STATES } from '@doorway/contracts';
import type { HideRequest, ModerationState, ReportRequest, RestoreRequest } from '@doorway/contracts';
import { CursorPageQuery } from '../../../common/dto/cursor-page.query';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const { min, max } = MODERATION_LIMITS.reason;
const reasonRule = Length(min, max, { message: `must be ${min} to ${max} characters long` });

export class ContributionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class ReportDto implements ReportRequest {
  @ApiProperty({ minLength: min, maxLength: max, description: 'Why it should not be shown' })
  @Transform(trim)
  @IsString()
  @reasonRule
  reason!: string;
}

export class HideDto implements HideRequest {
  @ApiProperty({ minLength: min, maxLength: max, description: 'Shown to readers in place of the text' })
  @Transform(trim)
  @IsString()
  @reasonRule
  reason!: string;
}

export class RestoreDto implements RestoreRequest {
  @ApiProperty({ minLength: min, maxLength: max, description: 'Why it may be shown again (kept in the audit log)' })
  @Transform(trim)
  @IsString()
  @reasonRule
  reason!: string;
}

export class ModerationQueueQuery extends CursorPageQuery(40) {
  @ApiPropertyOptional({ description: 'Only this document (slug)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'must be a document slug' })
  document?: string;

  @ApiPropertyOptional({ enum: MODERATION_STATES, description: 'Reported and still shown, or hidden; both when left out' })
  @IsOptional()
  @IsIn(MODERATION_STATES, { message: `must be one of ${MODERATION_STATES.join(', ')}` })
  state?: ModerationState;
}
