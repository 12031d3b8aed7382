import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { DocumentEntity } from './document.entity';

export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
