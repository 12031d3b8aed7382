import { Injectable } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Observable } from 'rxjs';
import type { Subscriber } from 'rxjs';
import { DIRECT_EXPORT_MAX_CONTRIBUTIONS } from '@doorway/contracts';
import type { AnnexKey, ExportFormat, ExportJobView, ExportStatus } from '@doorway/contracts';
import { parsePgArray } from '../../common/sql/pg-array';
import { VersionNotFoundException } from '../documents/exceptions/document.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import { isEditor, visibleDocument } from '../versions/access';
import { findDocument } from '../versions/version-queries';
import { ExportJobNotFoundException, ExportNotReadyException, ExportTooLargeException } from './exceptions/export.exceptions';
import { isAnnexKey, isExportFormat } from './export-model';
import { loadExportModel } from './export-loader';
import { ExportRunner } from './export-runner';
import { CONTENT_TYPES, exportFileName, renderExport } from './render';
import { typeormSql } from './sql-client';

/** A running job whose worker has not written for this long has died with its server. */
const STALE_AFTER_MS = 120_000;
/** Finished jobs, and their files, are kept a day. */
const KEEP_FOR = '24 hours';
/** How often the event stream looks at the job row. */
const EVENT_INTERVAL_MS = 300;

export interface ExportFile {
  data: Buffer;
  fileName: string;
  contentType: string;
}

interface ExportVersion {
  documentId: string;
  slug: string;
  versionId: string;
  number: number;
}

interface JobRow {
  id: string;
  slug: string;
  version_number: number;
  format: string;
  annexes: string[] | string;
  status: ExportStatus;
  progress: number;
  stage: string;
  error: string | null;
  file_name: string | null;
  byte_size: number | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const JOB_COLUMNS = `j.id, d.slug, v.number AS version_number, j.format, j.annexes::text[] AS annexes, j.status, j.progress,
  j.stage, j.error, j.file_name, j.byte_size, j.created_at, j.updated_at, j.finished_at`;

function toView(row: JobRow): ExportJobView {
  const stale = row.status === 'running' && Date.now() - row.updated_at.getTime() > STALE_AFTER_MS;
  const status: ExportStatus = stale ? 'failed' : row.status;
  return {
    id: row.id,
    document: row.slug,
    versionNumber: row.version_number,
    format: isExportFormat(row.format) ? row.format : 'md',
    annexes: parsePgArray(row.annexes).filter(isAnnexKey),
    status,
    progress: status === 'done' ? 1 : Number(row.progress),
    stage: stale ? 'failed' : row.stage,
    error: stale ? 'The export stopped with its server. Please try again.' : row.error,
    fileName: row.file_name,
    byteSize: row.byte_size,
    downloadUrl: status === 'done' ? `/api/exports/${row.id}/file` : null,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const terminal = (status: ExportStatus): boolean => status === 'done' || status === 'failed';

/**
 * Exports of a document version. Who may: anyone who can read the document, for a published
 * version; only editors and coordinators for an unpublished draft (to everyone else it does not
 * exist, as everywhere else in the API). Jobs belong to whoever started them.
 */
@Injectable()
export class ExportsService implements OnModuleDestroy {
  /** Open event streams, ended on shutdown so that they do not hold the server open. */
  private readonly streams = new Set<Subscriber<{ type: string; data: ExportJobView }>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runner: ExportRunner,
  ) {}

  onModuleDestroy(): void {
    for (const stream of [...this.streams]) stream.complete();
  }

  private async version(user: UserEntity | null, slug: string, number: number): Promise<ExportVersion> {
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    const [version]: { id: string; status: 'draft' | 'published' }[] = await this.db.query(
      'SELECT id, status FROM document_versions WHERE document_id = $1 AND number = $2',
      [document.id, number],
    );
    if (!version || (version.status !== 'published' && !isEditor(user))) throw new VersionNotFoundException(slug, number);
    return { documentId: document.id, slug: document.slug, versionId: version.id, number };
  }

  /** A small document's export, built while the request waits. */
  async direct(user: UserEntity | null, slug: string, number: number, format: ExportFormat, annexes: AnnexKey[]): Promise<ExportFile> {
    const version = await this.version(user, slug, number);
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM contributions WHERE document_id = $1 AND deleted_at IS NULL`,
      [version.documentId],
    );
    if (n > DIRECT_EXPORT_MAX_CONTRIBUTIONS) throw new ExportTooLargeException(n);
    const model = await loadExportModel(typeormSql(this.db), version.versionId, annexes, new Date());
    return {
      data: await renderExport(format, model),
      fileName: exportFileName(version.slug, number, format, annexes),
      contentType: CONTENT_TYPES[format],
    };
  }

  /** Starts a job, or hands back the same export already under way for this person. */
  async start(user: UserEntity, slug: string, number: number, format: ExportFormat, annexes: AnnexKey[]): Promise<ExportJobView> {
    const version = await this.version(user, slug, number);
    const sorted = [...new Set(annexes)].sort();
    await this.db.query(`DELETE FROM export_jobs WHERE finished_at < now() - interval '${KEEP_FOR}'`);
    const [existing]: { id: string }[] = await this.db.query(
      `SELECT id FROM export_jobs
        WHERE requested_by_id = $1 AND version_id = $2 AND format = $3 AND annexes = $4::char(1)[]
          AND status IN ('queued', 'running') AND updated_at > now() - make_interval(secs => $5)
        ORDER BY created_at DESC LIMIT 1`,
      [user.id, version.versionId, format, sorted, STALE_AFTER_MS / 1000],
    );
    if (existing) return this.find(user, existing.id);
    const [created]: { id: string }[] = await this.db.query(
      `INSERT INTO export_jobs (document_id, version_id, requested_by_id, format, annexes, file_name)
       VALUES ($1, $2, $3, $4, $5::char(1)[], $6) RETURNING id`,
      [version.documentId, version.versionId, user.id, format, sorted, exportFileName(version.slug, number, format, sorted)],
    );
    if (!created) throw new Error('The export job was not created');
    this.runner.enqueue(created.id);
    return this.find(user, created.id);
  }

  async find(user: UserEntity, id: string): Promise<ExportJobView> {
    const [row]: JobRow[] = await this.db.query(
      `SELECT ${JOB_COLUMNS} FROM export_jobs j
         JOIN documents d ON d.id = j.document_id JOIN document_versions v ON v.id = j.version_id
        WHERE j.id = $1 AND j.requested_by_id = $2`,
      [id, user.id],
    );
    if (!row) throw new ExportJobNotFoundException(id);
    return toView(row);
  }

  async file(user: UserEntity, id: string): Promise<ExportFile> {
    const job = await this.find(user, id);
    if (job.status !== 'done') throw new ExportNotReadyException(job.status);
    const [row]: { file: Buffer; format: string }[] = await this.db.query(
      'SELECT file, format FROM export_jobs WHERE id = $1 AND requested_by_id = $2',
      [id, user.id],
    );
    if (!row || !isExportFormat(row.format)) throw new ExportJobNotFoundException(id);
    return { data: row.file, fileName: job.fileName ?? `export.${row.format}`, contentType: CONTENT_TYPES[row.format] };
  }

  /**
   * Server-sent events for one job: its state whenever it changes, ending with done or failed.
   * It reads the job row, so it works whichever instance runs the job.
   */
  events(user: UserEntity, id: string): Observable<{ type: string; data: ExportJobView }> {
    return new Observable((subscriber) => {
      this.streams.add(subscriber);
      let last = '';
      let timer: NodeJS.Timeout | null = null;
      let closed = false;
      const tick = async (): Promise<void> => {
        try {
          const job = await this.find(user, id);
          const key = `${job.status}:${job.progress}:${job.stage}`;
          if (key !== last) {
            last = key;
            subscriber.next({ type: 'progress', data: job });
          }
          if (terminal(job.status)) {
            subscriber.complete();
            return;
          }
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (!closed) timer = setTimeout(() => void tick(), EVENT_INTERVAL_MS);
      };
      void tick();
      return () => {
        closed = true;
        this.streams.delete(subscriber);
        if (timer) clearTimeout(timer);
      };
    });
  }
}
