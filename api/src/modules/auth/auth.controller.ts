import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionResponse } from '@doorway/contracts';
import { APP_CONFIG } from '../../config/config';
import type { AppConfig } from '../../config/config';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Authenticated, MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { RegisterDto } from './dto/register.dto';
import { SignInDto } from './dto/sign-in.dto';
import { SESSION_COOKIE } from './strategies/jwt.strategy';
import { remoteAddress } from './strategies/local.strategy';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create a participant account and sign in' })
  async register(@Body() body: RegisterDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    const user = await this.auth.register(body);
    this.setSession(reply, user);
    return { user: UsersService.toView(user) };
  }

  @Post('sign-in')
  @HttpCode(200)
  @UseGuards(AuthGuard('local'))
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiBody({ type: SignInDto })
  signIn(@CurrentUser() user: UserEntity, @Res({ passthrough: true }) reply: FastifyReply): SessionResponse {
    this.setSession(reply, user);
    return { user: UsersService.toView(user) };
  }

  @Post('sign-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out' })
  signOut(@Res({ passthrough: true }) reply: FastifyReply): SessionResponse {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { user: null };
  }

  @Post('password')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Change my password: ends every other session and renews this one' })
  async changePassword(
    @CurrentUser() user: UserEntity,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const updated = await this.auth.changePassword(user, body, remoteAddress(request.ip));
    this.setSession(reply, updated);
    return { user: UsersService.toView(updated) };
  }

  @Post('sign-out-everywhere')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Sign out on every device, this one included' })
  async signOutEverywhere(@CurrentUser() user: UserEntity, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    await this.auth.signOutEverywhere(user);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { user: null };
  }

  @Get('me')
  @MaybeAuthenticated()
  @ApiOperation({ summary: 'Who am I: the signed-in user, or null' })
  me(@CurrentUser() user: UserEntity | null): SessionResponse {
    return { user: user ? UsersService.toView(user) : null };
  }

  private setSession(reply: FastifyReply, user: UserEntity): void {
    void reply.setCookie(SESSION_COOKIE, this.auth.issueSession(user), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge: this.config.sessionTtl,
    });
  }
}
