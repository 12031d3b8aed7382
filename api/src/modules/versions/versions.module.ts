import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { DocumentsModule } from '../documents/documents.module';
import { DraftsService } from './drafts.service';
import { VersionsController } from './versions.controller';
import { VersionsService } from './versions.service';

/** Versions of a document: history, diffs, and the draft of the next version with its publication. */
@Module({
  imports: [DocumentsModule, IdempotencyModule],
  controllers: [VersionsController],
  providers: [VersionsService, DraftsService],
})
export class VersionsModule {}
