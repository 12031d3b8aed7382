import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { DocumentsModule } from '../documents/documents.module';
import { CommentRateLimiter } from './comment-rate-limit';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { UsersModule } from '../users/users.module';

@Module({
  imports: [DocumentsModule, IdempotencyModule, UsersModule],
  controllers: [CommentsController],
  providers: [CommentsService, CommentRateLimiter],
})
export class CommentsModule {}
