import { BadRequestException, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { LIMITS } from '@doorway/contracts';
import { AuthService } from '../auth.service';
import type { UserEntity } from '../../users/entities/user.entity';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  validate(email: string, password: string): Promise<UserEntity> {
    if (email.length > LIMITS.email.max || password.length > LIMITS.password.max) {
      throw new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: 'email or password is too long' });
    }
    return this.auth.validateCredentials(email, password);
  }
}
