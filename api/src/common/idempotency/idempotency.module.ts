import { Module } from '@nestjs/common';
import { UsersModule } from '../../modules/users/users.module';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/**
 * Import it into each module whose controllers use @Idempotent(). The interceptor is built in that
 * module, so what it needs (the users, to confirm a session) is exported with it.
 */
@Module({
  imports: [UsersModule],
  providers: [IdempotencyStore, IdempotencyInterceptor],
  exports: [IdempotencyStore, IdempotencyInterceptor, UsersModule],
})
export class IdempotencyModule {}
