import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditTargetType } from '@doorway/contracts';

export interface AuditInput {
  /** Null for what the system did by itself (the report threshold). */
  actorId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  documentId: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row through the caller's transaction manager, so that the row exists exactly
 * when the action it records was committed. A plain function rather than a service, like
 * publishLiveEvent, so that any module can audit without importing a Nest module.
 */
export async function recordAudit(tx: EntityManager, entry: AuditInput): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, action, target_type, target_id, document_id, reason, details)
     VALUES ($1, $2::audit_action, $3::audit_target_type, $4, $5, $6, $7::jsonb)`,
    [entry.actorId, entry.action, entry.targetType, entry.targetId, entry.documentId, entry.reason ?? null, JSON.stringify(entry.details ?? {})],
  );
}
