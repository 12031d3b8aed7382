import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ANNEXES, EXPORT_FORMATS } from '@doorway/contracts';
import type { AnnexKey, CreateExportRequest, ExportFormat } from '@doorway/contracts';

const annexRule = IsIn(ANNEXES, { each: true, message: `each must be one of ${ANNEXES.join(', ')}` });
const formatRule = IsIn(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(', ')}` });

export class CreateExportDto implements CreateExportRequest {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @formatRule
  format!: ExportFormat;

  @ApiProperty({ enum: ANNEXES, isArray: true, description: 'Annexes to add, e.g. ["A", "B"]' })
  @IsArray()
  @ArrayMaxSize(ANNEXES.length)
  @ArrayUnique({ message: 'must not name an annex twice' })
  @annexRule
  annexes!: AnnexKey[];
}

/** `?format=docx&annexes=A,B` for a direct download. */
export class DirectExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @formatRule
  format!: ExportFormat;

  @ApiPropertyOptional({ description: 'Comma-separated annexes, e.g. A,B', example: 'A,B' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (value === '' ? [] : value.split(',')) : value))
  @IsArray()
  @ArrayMaxSize(ANNEXES.length)
  @ArrayUnique({ message: 'must not name an annex twice' })
  @annexRule
  annexes?: AnnexKey[];
}

export class ExportJobParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an export job id (UUID)' })
  id!: string;
}
