import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import type { RegisterRequest } from '@doorway/contracts';
import { APP_CONFIG } from '../../config/config';
import type { AppConfig } from '../../config/config';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';

export interface SessionClaims {
  sub: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly usersService: UsersService,
    private readonly jwt: JwtService,
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
    const claims: SessionClaims = { sub: user.id };
    return this.jwt.sign(claims, { expiresIn: this.config.sessionTtl });
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
