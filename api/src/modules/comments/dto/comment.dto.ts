import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ATTRIBUTIONS, LIMITS, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import { OptionalLanguageTag } from '../../../common/validation/language-tag';
import type {
  Attribution,
  CommentOrder,
  CreateCommentRequest,
  CreateReplyRequest,
  CreateSuggestionRequest,
  RecordInterventionRequest,
  StakeholderGroup,
  TextQuote,
  UpdateCommentRequest,
} from '@doorway/contracts';

const trimBody = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const bodyRule = Length(LIMITS.comment.min, LIMITS.comment.max, {
  message: `must be ${LIMITS.comment.min} to ${LIMITS.comment.max} characters long`,
});

const paragraphKeys = () =>
  Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { each: true, message: 'each must be a paragraph key' });

export class TextQuoteDto implements TextQuote {
  @ApiProperty({ description: 'The quoted passage, exactly as it appears in the paragraph' })
  @IsString()
  @Length(1, LIMITS.quote.exactMax)
  exact!: string;

  @ApiProperty({ description: 'Up to 64 characters just before the passage' })
  @IsString()
  @MaxLength(LIMITS.quote.contextMax)
  prefix!: string;

  @ApiProperty({ description: 'Up to 64 characters just after the passage' })
  @IsString()
  @MaxLength(LIMITS.quote.contextMax)
  suffix!: string;
}

export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty({ maxLength: LIMITS.comment.max, description: 'Plain text' })
  @Transform(trimBody)
  @IsString()
  @bodyRule
  body!: string;

  @ApiPropertyOptional({ type: TextQuoteDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextQuoteDto)
  quote?: TextQuoteDto;

  @ApiPropertyOptional({ type: [String], description: 'Further paragraphs the comment concerns, by key' })
  @IsOptional()
  @ArrayMaxSize(20)
  @paragraphKeys()
  alsoParagraphs?: string[];

  @ApiPropertyOptional({ enum: ATTRIBUTIONS, default: 'named', description: 'Show the author by name, by organisation only, or anonymously' })
  @IsOptional()
  @IsIn(ATTRIBUTIONS, { message: `must be one of ${ATTRIBUTIONS.join(', ')}` })
  attribution?: Attribution;

  @OptionalLanguageTag()
  language?: string;
}

export class CreateSuggestionDto implements CreateSuggestionRequest {
  @ApiProperty({ maxLength: LIMITS.comment.max, description: 'The proposed replacement text of the whole paragraph' })
  @Transform(trimBody)
  @IsString()
  @bodyRule
  proposedText!: string;

  @ApiProperty({ maxLength: LIMITS.comment.max, description: 'Why the change is needed' })
  @Transform(trimBody)
  @IsString()
  @bodyRule
  body!: string;

  @ApiPropertyOptional({ enum: ATTRIBUTIONS, default: 'named', description: 'Show the author by name, by organisation only, or anonymously' })
  @IsOptional()
  @IsIn(ATTRIBUTIONS, { message: `must be one of ${ATTRIBUTIONS.join(', ')}` })
  attribution?: Attribution;

  @OptionalLanguageTag()
  language?: string;
}

export class RecordInterventionDto implements RecordInterventionRequest {
  @ApiProperty({ maxLength: LIMITS.comment.max })
  @Transform(trimBody)
  @IsString()
  @bodyRule
  body!: string;

  @ApiProperty({ maxLength: 120 })
  @Transform(trimBody)
  @IsString()
  @Length(2, 120)
  speakerName!: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Transform(trimBody)
  @IsString()
  @MaxLength(120)
  speakerOrganisation?: string;

  @ApiProperty({ enum: STAKEHOLDER_GROUPS })
  @IsIn(STAKEHOLDER_GROUPS, { message: `must be one of ${STAKEHOLDER_GROUPS.join(', ')}` })
  stakeholderGroup!: StakeholderGroup;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(20)
  @paragraphKeys()
  alsoParagraphs?: string[];

  @OptionalLanguageTag()
  language?: string;
}

export class CreateReplyDto implements CreateReplyRequest {
  @ApiProperty({ maxLength: LIMITS.comment.max })
  @Transform(trimBody)
  @IsString()
  @bodyRule
  body!: string;

  @ApiPropertyOptional({ enum: ATTRIBUTIONS, default: 'named', description: 'Show the author by name, by organisation only, or anonymously' })
  @IsOptional()
  @IsIn(ATTRIBUTIONS, { message: `must be one of ${ATTRIBUTIONS.join(', ')}` })
  attribution?: Attribution;

  @OptionalLanguageTag()
  language?: string;
}

export class UpdateCommentDto implements UpdateCommentRequest {
  @ApiProperty({ maxLength: LIMITS.comment.max })
  @Transform(trimBody)
  @IsString()
  @bodyRule
  body!: string;

  @OptionalLanguageTag()
  language?: string;
}

export class CommentIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class ListCommentsQuery {
  @ApiPropertyOptional({ enum: ['newest', 'oldest'], default: 'newest' })
  @IsOptional()
  @IsIn(['newest', 'oldest'], { message: 'must be newest or oldest' })
  order?: CommentOrder;

  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUPS, description: 'Only comments written by this group' })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUPS, { message: `must be one of ${STAKEHOLDER_GROUPS.join(', ')}` })
  group?: StakeholderGroup;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.page.maxSize, default: LIMITS.page.defaultSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(LIMITS.page.maxSize)
  limit?: number;
}
