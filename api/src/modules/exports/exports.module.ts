import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ExportRunner, EXPORT_DATABASE_URL } from './export-runner';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** The consolidated outcome document in four formats; export workers connect to the same database. */
@Module({})
export class ExportsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: ExportsModule,
      controllers: [ExportsController],
      providers: [ExportsService, ExportRunner, { provide: EXPORT_DATABASE_URL, useValue: databaseUrl }],
    };
  }
}
