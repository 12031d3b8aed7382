import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ATTRIBUTIONS,
  CASE_STUDY_DOMAINS,
  CASE_STUDY_LIMITS as L,
  CASE_STUDY_STATUSES,
  REGION_PATTERN,
  STAKEHOLDER_GROUPS,
} from '@doorway/contracts';
import type {
  Attribution,
  CaseStudyDecision,
  CaseStudyDomain,
  CaseStudyLink,
  CaseStudyStatus,
  DecideCaseStudyRequest,
  SaveCaseStudyRequest,
  StakeholderGroup,
} from '@doorway/contracts';

import { OptionalLanguageTag } from '../../../common/validation/language-tag';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MAX_YEAR = 2100;

export class CaseStudyLinkDto implements CaseStudyLink {
  @ApiProperty({ example: 'https://www.coe.int/en/web/cybercrime' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(L.links.urlMax)
  url!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(L.links.titleMax)
  title?: string;
}

/**
 * A draft is saved as the submitter types, so every field is optional and only its shape and size
 * are checked here; completeness is checked on submission (submissionProblems in contracts).
 */
/**
 * Optional, but not nullable: a field left out is left alone, a field sent as null is refused
 * (the columns hold '' or an empty list, never null). Only the years may be cleared with null.
 */
const Optional = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class SaveCaseStudyDto implements SaveCaseStudyRequest {
  @ApiPropertyOptional({ maxLength: L.title.max })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(L.title.max)
  title?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code, or UN M49 region code', example: 'NG' })
  @Optional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(REGION_PATTERN, { message: 'must be an ISO 3166 country code or a UN region code' })
  region?: string;

  @ApiPropertyOptional({ minimum: L.years.min })
  @IsOptional()
  @IsInt({ message: 'must be a year' })
  @Min(L.years.min)
  @Max(MAX_YEAR)
  yearFrom?: number | null;

  @ApiPropertyOptional({ minimum: L.years.min })
  @IsOptional()
  @IsInt({ message: 'must be a year' })
  @Min(L.years.min)
  @Max(MAX_YEAR)
  yearTo?: number | null;

  @ApiPropertyOptional({ enum: CASE_STUDY_DOMAINS, isArray: true })
  @Optional()
  @IsIn(CASE_STUDY_DOMAINS, { each: true, message: 'each must be a known domain' })
  @ArrayUnique()
  @ArrayMaxSize(CASE_STUDY_DOMAINS.length)
  domains?: CaseStudyDomain[];

  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUPS, isArray: true })
  @Optional()
  @IsIn(STAKEHOLDER_GROUPS, { each: true, message: 'each must be a stakeholder group' })
  @ArrayUnique()
  @ArrayMaxSize(STAKEHOLDER_GROUPS.length)
  stakeholderGroups?: StakeholderGroup[];

  @ApiPropertyOptional({ maxLength: L.part.max, description: 'The closed door: what blocked dialogue' })
  @Optional()
  @IsString()
  @MaxLength(L.part.max)
  closedDoor?: string;

  @ApiPropertyOptional({ maxLength: L.part.max, description: 'What opened it' })
  @Optional()
  @IsString()
  @MaxLength(L.part.max)
  whatOpened?: string;

  @ApiPropertyOptional({ maxLength: L.part.max })
  @Optional()
  @IsString()
  @MaxLength(L.part.max)
  outcome?: string;

  @ApiPropertyOptional({ maxLength: L.part.max, description: 'Lessons for others' })
  @Optional()
  @IsString()
  @MaxLength(L.part.max)
  lessons?: string;

  @ApiPropertyOptional({ type: [CaseStudyLinkDto], maxItems: L.links.max })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.links.max)
  @IsObject({ each: true, message: 'each must be a link: { url, title? }' })
  @ValidateNested({ each: true })
  @Type(() => CaseStudyLinkDto)
  links?: CaseStudyLinkDto[];

  @ApiPropertyOptional({ isArray: true, type: String, description: 'Keys of related paragraphs of the draft' })
  @Optional()
  @ArrayMaxSize(L.paragraphs.max)
  @ArrayUnique()
  @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { each: true, message: 'each must be a paragraph key' })
  paragraphKeys?: string[];

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  consentToPublish?: boolean;

  @ApiPropertyOptional({ enum: ATTRIBUTIONS })
  @Optional()
  @IsIn(ATTRIBUTIONS, { message: `must be one of ${ATTRIBUTIONS.join(', ')}` })
  attribution?: Attribution;

  @OptionalLanguageTag()
  language?: string;
}

export class DecideCaseStudyDto implements DecideCaseStudyRequest {
  @ApiProperty({ enum: ['accepted', 'changes_requested', 'declined'] })
  @IsIn(['accepted', 'changes_requested', 'declined'], { message: 'must be accepted, changes_requested or declined' })
  decision!: CaseStudyDecision;

  @ApiPropertyOptional({ maxLength: L.message.max, description: 'Required when requesting changes or declining' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(L.message.min, L.message.max)
  message?: string;
}

export class CaseStudyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class GalleryQuery {
  @ApiPropertyOptional({ description: 'Full-text search over title, story and lessons' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CASE_STUDY_DOMAINS })
  @IsOptional()
  @IsIn(CASE_STUDY_DOMAINS, { message: 'must be a known domain' })
  domain?: CaseStudyDomain;

  @ApiPropertyOptional({ example: 'NG' })
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'must be an ISO 3166 country code or a UN region code' })
  region?: string;

  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUPS })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUPS, { message: 'must be a stakeholder group' })
  group?: StakeholderGroup;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a year' })
  @Min(L.years.min)
  @Max(MAX_YEAR)
  year?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class QueueQuery {
  @ApiPropertyOptional({ enum: ['submitted', 'in_review'] })
  @IsOptional()
  @IsIn(['submitted', 'in_review'], { message: 'must be submitted or in_review' })
  status?: Extract<CaseStudyStatus, 'submitted' | 'in_review'>;

  @ApiPropertyOptional({ description: 'Only those assigned to me' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUPS })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUPS, { message: 'must be a stakeholder group' })
  group?: StakeholderGroup;

  @ApiPropertyOptional({ enum: CASE_STUDY_DOMAINS })
  @IsOptional()
  @IsIn(CASE_STUDY_DOMAINS, { message: 'must be a known domain' })
  domain?: CaseStudyDomain;
}

export const ALL_STATUSES = CASE_STUDY_STATUSES;
