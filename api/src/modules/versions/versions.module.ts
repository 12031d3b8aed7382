import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DraftsService } from './drafts.service';
import { VersionsController } from './versions.controller';
import { VersionsService } from './versions.service';

/** Versions of a document: history, diffs, and the draft of the next version with its publication. */
@Module({
  imports: [DocumentsModule],
  controllers: [VersionsController],
  providers: [VersionsService, DraftsService],
})
export class VersionsModule {}
