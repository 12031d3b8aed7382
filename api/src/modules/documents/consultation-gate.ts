import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { ConsultationPhase } from '@doorway/contracts';
import { ConsultationClosedException, DocumentNotFoundException } from './exceptions/document.exceptions';

interface GateRow {
  phase: ConsultationPhase;
  comment_deadline: Date | null;
  past_deadline: boolean;
}

/**
 * Whether a document takes contributions right now: only in the open phase, and only until its
 * comment deadline. The deadline is compared with the database server's clock, so every API
 * instance agrees on the instant the consultation closes.
 */
@Injectable()
export class ConsultationGate {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Throws 409 CONSULTATION_CLOSED, with the reason, unless the document is open for contributions.
   * Pass the transaction's manager to check inside the write's own transaction.
   */
  async assertOpenForContributions(documentId: string, manager: EntityManager = this.db.manager): Promise<void> {
    const [row]: GateRow[] = await manager.query(
      `SELECT phase, comment_deadline, (comment_deadline IS NOT NULL AND now() > comment_deadline) AS past_deadline
         FROM documents WHERE id = $1`,
      [documentId],
    );
    if (!row) throw new DocumentNotFoundException(documentId);
    const reason = closedReason(row);
    if (reason) throw new ConsultationClosedException(reason);
  }
}

/** Why a document is closed to contributions, or null when it is open. */
export function closedReason(row: GateRow): string | null {
  if (row.phase !== 'open') return `it is in the ${row.phase} phase`;
  if (row.past_deadline && row.comment_deadline) return `the consultation closed on ${formatInstant(row.comment_deadline)}`;
  return null;
}

/** 2016-11-30 23:59 UTC: unambiguous wherever the reader is. */
export function formatInstant(instant: Date): string {
  return `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
