import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ManagedUser, ManagedUserPage } from '@doorway/contracts';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ChangeRoleDto, ListUsersQuery, SetVerificationDto, UserIdParams } from './dto/users.dto';
import { UserEntity } from './entities/user.entity';
import { UsersAdminService } from './users-admin.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersAdminService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Coordinators: the users, with their roles and stakeholder-group verification' })
  list(@CurrentUser() user: UserEntity, @Query() query: ListUsersQuery): Promise<ManagedUserPage> {
    return this.users.list(user, query);
  }

  @Patch(':id/role')
  @Authenticated()
  @ApiOperation({ summary: "Coordinators: change another user's role" })
  changeRole(@CurrentUser() user: UserEntity, @Param() params: UserIdParams, @Body() body: ChangeRoleDto): Promise<ManagedUser> {
    return this.users.changeRole(user, params.id, body);
  }

  @Patch(':id/verification')
  @Authenticated()
  @ApiOperation({ summary: "Coordinators: verify (or unverify) a user's stakeholder group" })
  setVerification(@CurrentUser() user: UserEntity, @Param() params: UserIdParams, @Body() body: SetVerificationDto): Promise<ManagedUser> {
    return this.users.setVerification(user, params.id, body);
  }
}
