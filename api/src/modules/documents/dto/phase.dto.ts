import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { CONSULTATION_PHASES } from '@doorway/contracts';
import type { ConsultationPhase, SetPhaseRequest } from '@doorway/contracts';

export class SetPhaseDto implements SetPhaseRequest {
  @ApiProperty({ enum: CONSULTATION_PHASES })
  @IsIn(CONSULTATION_PHASES, { message: `must be one of ${CONSULTATION_PHASES.join(', ')}` })
  phase!: ConsultationPhase;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    example: '2016-11-30T23:59:00Z',
    description: 'Comments are accepted until then (server clock). Null clears it; leave it out to keep the current one.',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 date and time, or null' })
  commentDeadline?: string | null;
}
