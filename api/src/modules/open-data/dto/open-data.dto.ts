import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OPEN_DATA_PAGE_LIMITS } from '@doorway/contracts';

/** The downloads take no query parameters; any given is refused by the global ValidationPipe. */
export class NoQuery {}

export class OpenDataPageQuery {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: OPEN_DATA_PAGE_LIMITS.maxSize, default: OPEN_DATA_PAGE_LIMITS.defaultSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(OPEN_DATA_PAGE_LIMITS.maxSize)
  limit?: number;
}
