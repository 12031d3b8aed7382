import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DocumentSummary, DocumentVersionView } from '@doorway/contracts';
import { DocumentsService } from './documents.service';
import { SlugParams } from './dto/params.dto';

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: 'List the documents open for reading' })
  list(): Promise<DocumentSummary[]> {
    return this.documents.list();
  }

  @Get(':slug')
  @ApiOperation({ summary: "A document's current version: sections, numbered paragraphs, comment counts by group" })
  @ApiNotFoundResponse({ description: 'No such document, or nothing published yet' })
  current(@Param() params: SlugParams): Promise<DocumentVersionView> {
    return this.documents.current(params.slug);
  }
}
