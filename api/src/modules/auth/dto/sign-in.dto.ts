import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LIMITS } from '@doorway/contracts';
import type { SignInRequest } from '@doorway/contracts';

/** Only documents the body for OpenAPI: passport-local reads it before validation runs. */
export class SignInDto implements SignInRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(LIMITS.email.max)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.password.max)
  password!: string;
}
