import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [DocumentsModule],
  controllers: [CommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
