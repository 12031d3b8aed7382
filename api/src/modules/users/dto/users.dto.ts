import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MODERATION_LIMITS, ROLES } from '@doorway/contracts';
import type { ChangeRoleRequest, Role, SetVerificationRequest } from '@doorway/contracts';
import { CursorPageQuery } from '../../../common/dto/cursor-page.query';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const { min, max } = MODERATION_LIMITS.reason;

/** Why a role or a verification changed; optional, kept in the audit log. */
const OptionalReason = () =>
  applyDecorators(
    ApiPropertyOptional({ minLength: min, maxLength: max }),
    IsOptional(),
    Transform(trim),
    IsString(),
    Length(min, max, { message: `must be ${min} to ${max} characters long` }),
  );

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class ListUsersQuery extends CursorPageQuery(40) {
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
}

export class ChangeRoleDto implements ChangeRoleRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @OptionalReason()
  reason?: string;
}

export class SetVerificationDto implements SetVerificationRequest {
  @ApiProperty({ description: "Whether the user's stakeholder group has been checked" })
  @IsBoolean({ message: 'must be true or false' })
  verified!: boolean;

  @OptionalReason()
  reason?: string;
}
