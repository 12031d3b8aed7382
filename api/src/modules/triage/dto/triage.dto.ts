import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DISPOSITIONS, STAKEHOLDER_GROUPS, TRIAGE_KINDS } from '@doorway/contracts';
import type { BulkDispositionRequest, Disposition, SetDispositionRequest, StakeholderGroup, TriageKind } from '@doorway/contracts';
import { CursorPageQuery } from '../../../common/dto/cursor-page.query';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TriageQuery extends CursorPageQuery(40) {
  @ApiPropertyOptional({ description: 'Paragraph key' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { message: 'must be a paragraph key' })
  paragraph?: string;

  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUPS })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUPS, { message: 'must be a stakeholder group' })
  group?: StakeholderGroup;

  @ApiPropertyOptional({ enum: TRIAGE_KINDS })
  @IsOptional()
  @IsIn(TRIAGE_KINDS, { message: `must be one of ${TRIAGE_KINDS.join(', ')}` })
  kind?: TriageKind;

  @ApiPropertyOptional({ enum: DISPOSITIONS })
  @IsOptional()
  @IsIn(DISPOSITIONS, { message: 'must be a disposition' })
  disposition?: Disposition;

  @ApiPropertyOptional({ description: 'Written on or after (ISO date)' })
  @IsOptional()
  @IsISO8601({}, { message: 'must be an ISO date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Written before (ISO date)' })
  @IsOptional()
  @IsISO8601({}, { message: 'must be an ISO date' })
  to?: string;

  @ApiPropertyOptional({ description: 'Endorsed by at least N people' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minEndorsements?: number;
}

export class SetDispositionDto implements SetDispositionRequest {
  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS, { message: 'must be a disposition' })
  disposition!: Disposition;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A public note to the author' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The original, for duplicates' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  duplicateOf?: string;
}

export class BulkDispositionDto extends SetDispositionDto implements BulkDispositionRequest {
  @ApiProperty({ type: [String], maxItems: 500 })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  ids!: string[];
}

export class ContributionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}
