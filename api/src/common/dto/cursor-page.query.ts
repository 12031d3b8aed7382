import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * The `cursor` and `limit` query parameters of the cursor-paged lists (moderation queue, users,
 * audit log, triage). A function rather than one base class because the lists' cursors differ in
 * length, and class-validator would apply a base class's MaxLength and a subclass's both.
 */
export function CursorPageQuery(cursorMaxLength: number) {
  class CursorPageQueryBase {
    @ApiPropertyOptional({ description: 'nextCursor from the previous page', maxLength: cursorMaxLength })
    @IsOptional()
    @IsString()
    @MaxLength(cursorMaxLength)
    cursor?: string;

    @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'must be a whole number' })
    @Min(1)
    @Max(200)
    limit?: number;
  }
  return CursorPageQueryBase;
}
