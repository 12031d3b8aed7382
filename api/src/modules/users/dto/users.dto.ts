import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { MODERATION_LIMITS, ROLES } from '@doorway/contracts';
import type { ChangeRoleRequest, Role, SetVerificationRequest } from '@doorway/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const { min, max } = MODERATION_LIMITS.reason;

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ description: 'Part of the name, email or organisation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  search?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ChangeRoleDto implements ChangeRoleRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ minLength: min, maxLength: max })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(min, max, { message: `must be ${min} to ${max} characters long` })
  reason?: string;
}

export class SetVerificationDto implements SetVerificationRequest {
  @ApiProperty({ description: "Whether the user's stakeholder group has been checked" })
  @IsBoolean({ message: 'must be true or false' })
  verified!: boolean;

  @ApiPropertyOptional({ minLength: min, maxLength: max })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(min, max, { message: `must be ${min} to ${max} characters long` })
  reason?: string;
}
