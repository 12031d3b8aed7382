import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../../config/config';
import type { AppConfig } from '../../../config/config';
import { UsersService } from '../../users/users.service';
import type { UserEntity } from '../../users/entities/user.entity';
import type { SessionClaims } from '../auth.service';

export const SESSION_COOKIE = 'doorway_session';

const fromSessionCookie = (request: FastifyRequest & { cookies?: Record<string, string | undefined> }) =>
  request.cookies?.[SESSION_COOKIE] ?? null;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([fromSessionCookie]),
      // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public
      // key on every verify, and that failed attempt cost about 2 ms of CPU per signed-in request
      // (the write benchmark's profile). passport-jwt passes the key through as is; its types
      // predate KeyObject, hence the cast.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      ignoreExpiration: false,
      algorithms: ['HS256'],
    });
  }

  /**
   * Loads the user afresh, so a changed role or a removed account takes effect at once; a session
   * issued before the user's last password change or "sign out everywhere" is refused.
   */
  async validate(claims: SessionClaims): Promise<UserEntity | false> {
    const user = await this.users.findById(claims.sub);
    if (!user || user.sessionEpoch !== (claims.epoch ?? 0)) return false;
    return user;
  }
}
