import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { LIMITS } from '@doorway/contracts';
import { AuthService } from '../auth.service';
import { SignInThrottle } from '../sign-in-throttle';
import type { UserEntity } from '../../users/entities/user.entity';

/**
 * The address a sign-in counts against; none for loopback, i.e. a client on this machine (the
 * tests, local tools) rather than a remote one. Behind the proxy, the client's own address comes
 * from X-Forwarded-For, which is trusted only from loopback.
 */
export function remoteAddress(ip: string | undefined): string | null {
  if (!ip || /^(127\.|::1$|::ffff:127\.)/.test(ip)) return null;
  return ip;
}

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: SignInThrottle,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(request: FastifyRequest, email: string, password: string): Promise<UserEntity> {
    if (email.length > LIMITS.email.max || password.length > LIMITS.password.max) {
      throw new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: 'email or password is too long' });
    }
    const ip = remoteAddress(request.ip);
    await this.throttle.check(email, ip);
    try {
      const user = await this.auth.validateCredentials(email, password);
      await this.throttle.succeeded(email);
      return user;
    } catch (error) {
      if (error instanceof UnauthorizedException) await this.throttle.failed(email, ip);
      throw error;
    }
  }
}
