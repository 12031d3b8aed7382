import { Module } from '@nestjs/common';
import { ConsultationGate } from './consultation-gate';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, ConsultationGate],
  exports: [DocumentsService, ConsultationGate],
})
export class DocumentsModule {}
