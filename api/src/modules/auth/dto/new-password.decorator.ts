import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { LIMITS } from '@doorway/contracts';

/**
 * The rule for a password someone chooses, at registration and when changing it, written once so
 * that no account can end up with a weaker password by either road.
 */
export function NewPassword(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ minLength: LIMITS.password.min, maxLength: LIMITS.password.max }),
    IsString(),
    Length(LIMITS.password.min, LIMITS.password.max, {
      message: `must be ${LIMITS.password.min} to ${LIMITS.password.max} characters long`,
    }),
  );
}
