import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CurrentUser } from '@doorway/contracts';
import { UserEntity } from './entities/user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  static toView(user: UserEntity): CurrentUser {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      organisation: user.organisation,
      country: user.country,
      stakeholderGroup: user.stakeholderGroup,
      groupVerified: user.groupVerified,
      role: user.role,
    };
  }
}
