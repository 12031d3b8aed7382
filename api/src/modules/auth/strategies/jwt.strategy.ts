import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { StrategyOptions } from 'passport-jwt';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../../config/config';
import type { AppConfig } from '../../../config/config';
import { UsersService } from '../../users/users.service';
import type { SessionToken } from '../../users/users.service';
import type { UserEntity } from '../../users/entities/user.entity';
import type { SessionClaims } from '../auth.service';

export const SESSION_COOKIE = 'doorway_session';

/** The passport name of SessionTokenStrategy. */
export const SESSION_TOKEN_STRATEGY = 'jwt-session-token';

const fromSessionCookie = (request: FastifyRequest & { cookies?: Record<string, string | undefined> }) =>
  request.cookies?.[SESSION_COOKIE] ?? null;

function sessionCookieOptions(config: AppConfig): StrategyOptions & { passReqToCallback?: false } {
  return {
    jwtFromRequest: ExtractJwt.fromExtractors([fromSessionCookie]),
    // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public
    // key on every verify, and that failed attempt cost about 2 ms of CPU per signed-in request
    // (the write benchmark's profile). passport-jwt passes the key through as is; its types
    // predate KeyObject, hence the cast.
    secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
    ignoreExpiration: false,
    algorithms: ['HS256'],
  };
}

/** The session as its cookie states it, before anyone has looked at the user's row. */
export function sessionToken(claims: SessionClaims): SessionToken {
  return { id: claims.sub, sessionEpoch: claims.epoch ?? 0 };
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super(sessionCookieOptions(config));
  }

  /**
   * Loads the user afresh, so a changed role or a removed account takes effect at once; a session
   * issued before the user's last password change or "sign out everywhere" is refused.
   */
  async validate(claims: SessionClaims): Promise<UserEntity | false> {
    return (await this.users.findSessionUser(sessionToken(claims))) ?? false;
  }
}

/**
 * Checks the cookie's signature and expiry only, and hands the service the token's user and
 * epoch (see @AuthenticatedByToken). The service must confirm them against the user's row in the
 * statement that does the work: on a new comment, the busiest write, that saves the round trip
 * of loading the user first.
 */
@Injectable()
export class SessionTokenStrategy extends PassportStrategy(Strategy, SESSION_TOKEN_STRATEGY) {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(sessionCookieOptions(config));
  }

  validate(claims: SessionClaims): SessionToken {
    return sessionToken(claims);
  }
}
