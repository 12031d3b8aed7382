import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from '@doorway/contracts';
import type { DraftParagraph, DraftSection, PublishRequest, SaveDraftRequest } from '@doorway/contracts';
import { SlugParams } from '../../documents/dto/params.dto';

const KEY = /^[a-z0-9][a-z0-9-]{0,59}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Limits of a draft; the request body limit (LIMITS.bodyBytes) caps the total anyway. */
export const DRAFT_LIMITS = {
  sections: 100,
  paragraphsPerSection: 1_000,
  provenancePerParagraph: 500,
  label: 120,
  changelog: 20_000,
  sectionTitle: 200,
} as const;

export class DraftParagraphDto implements DraftParagraph {
  @ApiProperty({ type: String, nullable: true, description: 'The stable key; null for a new paragraph', example: 'intro-core-finding' })
  @ValidateIf((o: DraftParagraphDto) => o.key !== null)
  @Matches(KEY, { message: 'must be a paragraph key (lowercase letters, digits and hyphens), or null for a new paragraph' })
  key!: string | null;

  @ApiProperty({ minLength: LIMITS.comment.min, maxLength: LIMITS.comment.max })
  @Transform(trim)
  @IsString()
  @Length(LIMITS.comment.min, LIMITS.comment.max, { message: `must be ${LIMITS.comment.min} to ${LIMITS.comment.max} characters` })
  text!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Ids of the comments, replies or suggestions this change answers' })
  @IsArray()
  @ArrayMaxSize(DRAFT_LIMITS.provenancePerParagraph)
  @ArrayUnique({ message: 'must not name a contribution twice' })
  @IsUUID('all', { each: true, message: 'each must be a contribution id' })
  provenance!: string[];

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'An accepted case study this paragraph inserts' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a case study id' })
  caseStudyId?: string | null;
}

export class DraftSectionDto implements DraftSection {
  @ApiProperty({ example: 'recommendations' })
  @Matches(KEY, { message: 'must be a section key (lowercase letters, digits and hyphens)' })
  key!: string;

  @ApiProperty({ maxLength: DRAFT_LIMITS.sectionTitle })
  @Transform(trim)
  @IsString()
  @Length(1, DRAFT_LIMITS.sectionTitle, { message: `must be 1 to ${DRAFT_LIMITS.sectionTitle} characters` })
  title!: string;

  @ApiProperty({ type: [DraftParagraphDto] })
  @IsArray()
  @ArrayMaxSize(DRAFT_LIMITS.paragraphsPerSection)
  @ValidateNested({ each: true })
  @Type(() => DraftParagraphDto)
  paragraphs!: DraftParagraphDto[];
}

export class SaveDraftDto implements SaveDraftRequest {
  @ApiPropertyOptional({ maxLength: DRAFT_LIMITS.label, example: 'Second draft, after the Guadalajara sessions' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DRAFT_LIMITS.label)
  label?: string;

  @ApiPropertyOptional({ maxLength: DRAFT_LIMITS.changelog })
  @IsOptional()
  @IsString()
  @MaxLength(DRAFT_LIMITS.changelog)
  changelog?: string;

  @ApiProperty({ type: [DraftSectionDto], description: 'The whole draft, in reading order' })
  @IsArray()
  @ArrayMaxSize(DRAFT_LIMITS.sections)
  @ValidateNested({ each: true })
  @Type(() => DraftSectionDto)
  sections!: DraftSectionDto[];
}

export class PublishDto implements PublishRequest {
  @ApiPropertyOptional({ maxLength: DRAFT_LIMITS.label })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DRAFT_LIMITS.label)
  label?: string;

  @ApiPropertyOptional({ maxLength: DRAFT_LIMITS.changelog, description: "Defaults to the draft's changelog, else the generated one" })
  @IsOptional()
  @IsString()
  @MaxLength(DRAFT_LIMITS.changelog)
  changelog?: string;
}

export class VersionParams extends SlugParams {
  @ApiProperty({ minimum: 1, example: 1 })
  @Type(() => Number)
  @IsInt({ message: 'must be a version number' })
  @Min(1)
  @Max(1_000_000)
  number!: number;
}

export class DiffQuery {
  @ApiProperty({ minimum: 1, example: 1 })
  @Type(() => Number)
  @IsInt({ message: 'must be a version number' })
  @Min(1)
  @Max(1_000_000)
  from!: number;

  @ApiProperty({ minimum: 1, example: 2 })
  @Type(() => Number)
  @IsInt({ message: 'must be a version number' })
  @Min(1)
  @Max(1_000_000)
  to!: number;
}
