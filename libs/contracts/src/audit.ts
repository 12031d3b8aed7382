/** Everything the audit log records, each written in the same transaction as the action itself. */
export const AUDIT_ACTIONS = [
  'report_threshold_hide',
  'hide',
  'restore',
  'role_change',
  'verification',
  'disposition',
  'phase_change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = ['contribution', 'case_study', 'user', 'document'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export interface AuditEntry {
  id: string;
  at: string;
  /** Null for what the system did by itself (the report threshold). */
  actor: { id: string; displayName: string } | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  document: { slug: string; title: string } | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** Filters of the audit log; dates are ISO 8601, `to` exclusive. */
export interface AuditQuery {
  action?: AuditAction;
  actor?: string;
  document?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}
