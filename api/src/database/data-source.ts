import { DataSource } from 'typeorm';
import type { DataSourceOptions, Logger } from 'typeorm';
import { UserEntity } from '../modules/users/entities/user.entity';
import { ForumEntity } from '../modules/documents/entities/forum.entity';
import { DocumentEntity } from '../modules/documents/entities/document.entity';
import { DocumentVersionEntity } from '../modules/documents/entities/document-version.entity';
import { VersionSectionEntity } from '../modules/documents/entities/version-section.entity';
import { ParagraphEntity } from '../modules/documents/entities/paragraph.entity';
import { ParagraphRevisionEntity } from '../modules/documents/entities/paragraph-revision.entity';
import { ContributionEntity } from '../modules/comments/entities/contribution.entity';
import { InitialSchema1764086400000 } from './migrations/1764086400000-InitialSchema';
import { CaseStudies1764172800000 } from './migrations/1764172800000-CaseStudies';
import { EditorWorkflow1764259200000 } from './migrations/1764259200000-EditorWorkflow';
import { ContributionsByDocumentIndex1764345600000 } from './migrations/1764345600000-ContributionsByDocumentIndex';
import { Exports1764432000000 } from './migrations/1764432000000-Exports';
import { ContributionCounters1764518400000 } from './migrations/1764518400000-ContributionCounters';
import { LiveEvents1764604800000 } from './migrations/1764604800000-LiveEvents';
import { CompactCounters1764691200000 } from './migrations/1764691200000-CompactCounters';
import { DocumentViewStamps1764777600000 } from './migrations/1764777600000-DocumentViewStamps';
import { IdempotencyKeys1764864000000 } from './migrations/1764864000000-IdempotencyKeys';
import { SignInFailures1764950400000 } from './migrations/1764950400000-SignInFailures';
import { ShardPerTransaction1765036800000 } from './migrations/1765036800000-ShardPerTransaction';
import { DuplicateOfIndex1765123200000 } from './migrations/1765123200000-DuplicateOfIndex';
import { Moderation1765209600000 } from './migrations/1765209600000-Moderation';
import { SessionEpoch1765296000000 } from './migrations/1765296000000-SessionEpoch';
import { ContributionLanguage1765382400000 } from './migrations/1765382400000-ContributionLanguage';
import { DocumentLanguage1765468800000 } from './migrations/1765468800000-DocumentLanguage';
import { CompactorNeverWaits1765555200000 } from './migrations/1765555200000-CompactorNeverWaits';
import { TimeOrderedContributionIds1765641600000 } from './migrations/1765641600000-TimeOrderedContributionIds';
import { WiderCounterShards1765728000000 } from './migrations/1765728000000-WiderCounterShards';
import { DropRedundantAuthorIndex1765814400000 } from './migrations/1765814400000-DropRedundantAuthorIndex';
import { OneViewBumpPerTransaction1765900800000 } from './migrations/1765900800000-OneViewBumpPerTransaction';
import { CaseStudyEntity } from '../modules/case-studies/entities/case-study.entity';
import { CaseStudyTransitionEntity } from '../modules/case-studies/entities/case-study-transition.entity';

export const ENTITIES = [
  UserEntity,
  ForumEntity,
  DocumentEntity,
  DocumentVersionEntity,
  VersionSectionEntity,
  ParagraphEntity,
  ParagraphRevisionEntity,
  ContributionEntity,
  CaseStudyEntity,
  CaseStudyTransitionEntity,
];

/** Listed explicitly, in order, so the build and the tests run exactly the same migrations. */
export const MIGRATIONS = [
  InitialSchema1764086400000,
  CaseStudies1764172800000,
  EditorWorkflow1764259200000,
  ContributionsByDocumentIndex1764345600000,
  Exports1764432000000,
  ContributionCounters1764518400000,
  LiveEvents1764604800000,
  CompactCounters1764691200000,
  DocumentViewStamps1764777600000,
  IdempotencyKeys1764864000000,
  SignInFailures1764950400000,
  ShardPerTransaction1765036800000,
  DuplicateOfIndex1765123200000,
  Moderation1765209600000,
  SessionEpoch1765296000000,
  ContributionLanguage1765382400000,
  DocumentLanguage1765468800000,
  CompactorNeverWaits1765555200000,
  TimeOrderedContributionIds1765641600000,
  WiderCounterShards1765728000000,
  DropRedundantAuthorIndex1765814400000,
  OneViewBumpPerTransaction1765900800000,
];

/** Connections per API process. */
const POOL_SIZE = 20;

/** Lets tests watch the SQL (e.g. count statements per request) without changing production settings. */
export interface DatabaseHooks {
  logger?: Logger;
}

export function dataSourceOptions(url: string, hooks: DatabaseHooks = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    // The schema comes from migrations only, everywhere.
    synchronize: false,
    migrationsRun: false,
    // A connection, once opened, is kept (min = max). pg's pool closes those idle for 10 s by
    // default, and after any lull the next burst of comments had to open them again: each new
    // one costs a password exchange, a fresh backend whose caches and trigger functions start
    // cold, and the prepared statements anew. In the write benchmark's alternating legs, a 12 s
    // pause before 300 comments/s gave a p99 of 670-930 ms with the default and 88-115 ms with
    // the connections kept. Twenty idle backends cost PostgreSQL a few MB each.
    extra: { max: POOL_SIZE, min: POOL_SIZE },
    ...(hooks.logger ? { logger: hooks.logger, logging: ['query'] as const } : {}),
  };
}

/** Connects and brings the schema up to date. */
export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}
