import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { COUNTRY_CODE_PATTERN, LIMITS, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type { RegisterRequest, StakeholderGroup } from '@doorway/contracts';
import { NewPassword } from './new-password.decorator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'amina@example.org', maxLength: LIMITS.email.max })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(LIMITS.email.max)
  email!: string;

  @NewPassword()
  password!: string;

  @ApiProperty({ minLength: LIMITS.displayName.min, maxLength: LIMITS.displayName.max })
  @Transform(trim)
  @IsString()
  @Length(LIMITS.displayName.min, LIMITS.displayName.max)
  displayName!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.organisation.max })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.organisation.max)
  organisation?: string;

  @ApiPropertyOptional({ example: 'MX', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(COUNTRY_CODE_PATTERN, { message: 'must be a two-letter ISO 3166-1 country code' })
  country?: string;

  @ApiProperty({ enum: STAKEHOLDER_GROUPS })
  @IsIn(STAKEHOLDER_GROUPS, { message: `must be one of ${STAKEHOLDER_GROUPS.join(', ')}` })
  stakeholderGroup!: StakeholderGroup;
}
