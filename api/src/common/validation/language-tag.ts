import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { LANGUAGE_TAG_MAX_LENGTH, LANGUAGE_TAG_PATTERN } from '@doorway/contracts';

/** An optional `language` field: a short BCP 47 tag such as "fr", "pt-BR" or "zh-Hant". */
export function OptionalLanguageTag(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      maxLength: LANGUAGE_TAG_MAX_LENGTH,
      example: 'fr',
      description: 'BCP 47 tag of the language the text is written in; "en" when left out',
    }),
    // Left out is fine; null is not (the column is NOT NULL, and null names no language).
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    IsString({ message: 'must be a language tag such as en, fr or pt-BR' }),
    MaxLength(LANGUAGE_TAG_MAX_LENGTH),
    Matches(LANGUAGE_TAG_PATTERN, { message: 'must be a language tag such as en, fr or pt-BR' }),
  );
}
