import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, MinLength } from 'class-validator';
import { LIMITS } from '@doorway/contracts';
import type { ChangePasswordRequest } from '@doorway/contracts';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ maxLength: LIMITS.password.max })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(LIMITS.password.max)
  currentPassword!: string;

  // The rule of RegisterDto.password, so that no account can end up with a weaker password.
  @ApiProperty({ minLength: LIMITS.password.min, maxLength: LIMITS.password.max })
  @IsString()
  @Length(LIMITS.password.min, LIMITS.password.max, {
    message: `must be ${LIMITS.password.min} to ${LIMITS.password.max} characters long`,
  })
  newPassword!: string;
}
