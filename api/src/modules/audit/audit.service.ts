import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole } from '@doorway/contracts';
import type { AuditAction, AuditEntry, AuditPage, AuditTargetType } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import type { AuditQueryDto } from './dto/audit.dto';
import { InvalidCursorException } from '../../common/exceptions/cursor.exceptions';
import { InvalidDateFilterException } from './exceptions/audit.exceptions';

interface AuditRow {
  id: string;
  at: Date;
  cursor_at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: AuditAction;
  target_type: AuditTargetType;
  target_id: string;
  document_slug: string | null;
  document_title: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** A date filter as a Date PostgreSQL accepts; class-validator lets through ISO dates of years it refuses. */
function dateFilter(value: string | undefined, field: 'from' | 'to'): string | null {
  if (value === undefined) return null;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 2000 || year > 9999) throw new InvalidDateFilterException(field);
  return date.toISOString();
}

/** Coordinators read the audit log; nobody writes it except the actions it records. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first, by keyset, with every filter applied in SQL (one statement per page). */
  async list(user: UserEntity, query: AuditQueryDto): Promise<AuditPage> {
    if (!hasRole(user.role, 'coordinator')) throw new RoleRequiredException('coordinator');
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.action) add((p) => `a.action = ${p}::audit_action`, query.action);
    if (query.actor) add((p) => `a.actor_id = ${p}::uuid`, query.actor);
    if (query.document) add((p) => `d.slug = ${p}`, query.document);
    const from = dateFilter(query.from, 'from');
    const to = dateFilter(query.to, 'to');
    if (from) add((p) => `a.at >= ${p}::timestamptz`, from);
    if (to) add((p) => `a.at < ${p}::timestamptz`, to);
    if (query.cursor) {
      const cursor = decodeAuditCursor(query.cursor);
      if (!cursor) throw new InvalidCursorException();
      params.push(cursor.at, cursor.id);
      where.push(`(a.at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    const limit = query.limit ?? 50;
    params.push(limit + 1);
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.id::text AS id, a.at, a.at::text AS cursor_at, a.actor_id, u.display_name AS actor_name, a.action, a.target_type,
              a.target_id, d.slug AS document_slug, d.title AS document_title, a.reason, a.details
         FROM audit_log a
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN documents d ON d.id = a.document_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.at DESC, a.id DESC
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > limit && last ? encodeAuditCursor({ at: last.cursor_at, id: last.id }) : null,
    };
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    document: row.document_slug ? { slug: row.document_slug, title: row.document_title ?? '' } : null,
    reason: row.reason,
    details: row.details ?? {},
  };
}
