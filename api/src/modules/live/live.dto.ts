import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** A live event id: a positive integer that fits a bigint. */
export const EVENT_ID = /^[1-9][0-9]{0,17}$/;
export const EVENT_ID_PROBLEM = 'must be a positive integer (a live event id)';

export class LiveEventsQuery {
  @ApiPropertyOptional({
    example: '1234',
    description: 'Replay the events after this id first (as the Last-Event-ID header does, which wins if both are sent)',
  })
  @IsOptional()
  @Matches(EVENT_ID, { message: EVENT_ID_PROBLEM })
  since?: string;
}
