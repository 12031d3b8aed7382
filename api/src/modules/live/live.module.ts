import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { LiveAnnouncer } from './live-announcer';
import { LiveController } from './live.controller';
import { LIVE_DATABASE_URL, LiveService } from './live.service';

/** Live updates of documents over server-sent events, fed by PostgreSQL LISTEN/NOTIFY on the same database. */
@Global()
@Module({})
export class LiveModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: LiveModule,
      global: true,
      controllers: [LiveController],
      providers: [LiveService, LiveAnnouncer, { provide: LIVE_DATABASE_URL, useValue: databaseUrl }],
      exports: [LiveService, LiveAnnouncer],
    };
  }
}
