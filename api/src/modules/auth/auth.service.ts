import { BadRequestException, ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import type { ChangePasswordRequest, RegisterRequest } from '@doorway/contracts';
import { updatedRows } from '../../common/idempotency/idempotency.store';
import { APP_CONFIG } from '../../config/config';
import type { AppConfig } from '../../config/config';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { SignInThrottle } from './sign-in-throttle';

export interface SessionClaims {
  sub: string;
  /** The user's session epoch when it was issued; absent from cookies issued before epochs existed (read as 0). */
  epoch?: number;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly usersService: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: SignInThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Anyone may register; every new account is a participant with a self-declared group. */
  async register(request: RegisterRequest): Promise<UserEntity> {
    if (await this.usersService.findByEmail(request.email)) throw this.emailTaken();
    const user = this.users.create({
      email: request.email,
      passwordHash: await hashPassword(request.password),
      displayName: request.displayName,
      organisation: request.organisation || null,
      country: request.country || null,
      stakeholderGroup: request.stakeholderGroup,
      // Set here, never from the request: nobody chooses their own role or verification.
      role: 'participant',
      groupVerified: false,
    });
    try {
      return await this.users.save(user);
    } catch (error) {
      // Two registrations racing for one email: the unique index decides.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw this.emailTaken();
      }
      throw error;
    }
  }

  async validateCredentials(email: string, password: string): Promise<UserEntity> {
    const user = await this.usersService.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'INVALID_CREDENTIALS',
        message: 'That email and password do not match an account.',
      });
    }
    return user;
  }

  issueSession(user: UserEntity): string {
    const claims: SessionClaims = { sub: user.id, epoch: user.sessionEpoch };
    return this.jwt.sign(claims, { expiresIn: this.config.sessionTtl });
  }

  /**
   * Only the signed-in user changes their own password, and only by proving the current one. Wrong
   * guesses count against the sign-in throttle (a stolen session must not become a way to try
   * passwords). Every session ends; the caller re-issues one for this browser from the user returned.
   */
  async changePassword(user: UserEntity, request: ChangePasswordRequest, ip: string | null): Promise<UserEntity> {
    await this.throttle.check(user.email, ip);
    if (!(await verifyPassword(user.passwordHash, request.currentPassword))) {
      await this.throttle.failed(user.email, ip);
      throw new BadRequestException({
        statusCode: 400,
        error: 'WRONG_PASSWORD',
        message: 'currentPassword: is not your current password',
        details: [{ field: 'currentPassword', problems: ['is not your current password'] }],
      });
    }
    if (request.newPassword === request.currentPassword) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'VALIDATION_FAILED',
        message: 'newPassword: must differ from the current password',
        details: [{ field: 'newPassword', problems: ['must differ from the current password'] }],
      });
    }
    const passwordHash = await hashPassword(request.newPassword);
    return this.bumpEpoch(user, passwordHash);
  }

  /** Ends every session of this user, on every device, this one included. */
  async signOutEverywhere(user: UserEntity): Promise<void> {
    await this.bumpEpoch(user, null);
  }

  /** One statement, so that two concurrent bumps both count and no stale epoch is written back. */
  private async bumpEpoch(user: UserEntity, passwordHash: string | null): Promise<UserEntity> {
    const rows = updatedRows<{ session_epoch: number }>(
      await this.users.query(
        `UPDATE users SET session_epoch = session_epoch + 1, password_hash = coalesce($2, password_hash), updated_at = now()
          WHERE id = $1 RETURNING session_epoch`,
        [user.id, passwordHash],
      ),
    );
    const epoch = rows[0]?.session_epoch;
    if (epoch === undefined) throw new UnauthorizedException({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'Your account no longer exists.' });
    return Object.assign(user, { sessionEpoch: epoch, passwordHash: passwordHash ?? user.passwordHash });
  }

  private emailTaken(): ConflictException {
    return new ConflictException({
      statusCode: 409,
      error: 'EMAIL_TAKEN',
      message: 'An account with this email already exists. Sign in instead.',
      details: [{ field: 'email', problems: ['is already registered'] }],
    });
  }
}
