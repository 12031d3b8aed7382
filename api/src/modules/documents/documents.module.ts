import { Module } from '@nestjs/common';
import { CountersCompactor } from './counters-compactor';
import { DocumentViewCache } from './document-view-cache';
import { ConsultationGate } from './consultation-gate';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, ConsultationGate, CountersCompactor, DocumentViewCache],
  exports: [DocumentsService, ConsultationGate],
})
export class DocumentsModule {}
