import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { DocumentEntity } from './document.entity';

export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * One version of a document: published, or the single draft of the next one (at most one per
 * document: the partial unique index document_versions_one_draft_key in the EditorWorkflow migration).
 */
@Entity({ name: 'document_versions' })
@Unique('document_versions_document_number_key', ['documentId', 'number'])
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Relation<DocumentEntity>;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'varchar', length: 120, default: '' })
  label!: string;

  @Column({ type: 'enum', enum: VERSION_STATUSES, enumName: 'version_status', default: 'draft' })
  status!: VersionStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /**
   * Optimistic lock of a draft: every save and the publication bump it, guarded by a
   * `WHERE lock_version = $expected` the service writes itself (not @VersionColumn, which save() does not check).
   */
  @Column({ name: 'lock_version', type: 'int', default: 1 })
  lockVersion!: number;

  @Column({ type: 'text', default: '' })
  changelog!: string;

  /** The published version a draft was copied from; the base of its change markers. */
  @Column({ name: 'based_on_version_id', type: 'uuid', nullable: true })
  basedOnVersionId!: string | null;

  @ManyToOne(() => DocumentVersionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'based_on_version_id' })
  basedOn?: Relation<DocumentVersionEntity>;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
