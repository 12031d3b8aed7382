import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LIMITS } from '@doorway/contracts';
import type { ChangePasswordRequest } from '@doorway/contracts';
import { NewPassword } from './new-password.decorator';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ maxLength: LIMITS.password.max })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(LIMITS.password.max)
  currentPassword!: string;

  @NewPassword()
  newPassword!: string;
}
