import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import type { DatabaseHooks } from './database/data-source';
import { AuthModule } from './modules/auth/auth.module';
import { CaseStudiesModule } from './modules/case-studies/case-studies.module';
import { CommentsModule } from './modules/comments/comments.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { ExportsModule } from './modules/exports/exports.module';
import { HealthModule } from './modules/health/health.module';
import { AuditModule } from './modules/audit/audit.module';
import { LiveModule } from './modules/live/live.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { OpenDataModule } from './modules/open-data/open-data.module';
import { TriageModule } from './modules/triage/triage.module';
import { UsersModule } from './modules/users/users.module';
import { VersionsModule } from './modules/versions/versions.module';

@Module({})
export class AppModule {
  /** The database URL is resolved before Nest starts (embedded or external), then passed in. */
  static forRoot(config: AppConfig, databaseUrl: string, hooks: DatabaseHooks = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, hooks)),
        UsersModule,
        AuthModule,
        DocumentsModule,
        CommentsModule,
        CaseStudiesModule,
        HealthModule,
        TriageModule,
        VersionsModule,
        OpenDataModule,
        ModerationModule,
        AuditModule,
        ExportsModule.forRoot(databaseUrl),
        LiveModule.forRoot(databaseUrl),
      ],
    };
  }
}
