import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, ValidateBy } from 'class-validator';
import { LIMITS, STAKEHOLDER_GROUPS, isKnownCountry } from '@doorway/contracts';
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
  // An assigned code only: the pattern alone let "ZZ" or "XX" through as a country.
  @ValidateBy({
    name: 'isKnownCountry',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isKnownCountry(value),
      defaultMessage: () => 'must be the two-letter ISO 3166-1 code of a country, such as MX',
    },
  })
  country?: string;

  @ApiProperty({ enum: STAKEHOLDER_GROUPS })
  @IsIn(STAKEHOLDER_GROUPS, { message: `must be one of ${STAKEHOLDER_GROUPS.join(', ')}` })
  stakeholderGroup!: StakeholderGroup;
}
