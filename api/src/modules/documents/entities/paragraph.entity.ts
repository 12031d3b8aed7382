import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { DocumentEntity } from './document.entity';

/**
 * The identity of a paragraph across versions. Its text lives in ParagraphRevisionEntity, one row
 * per version; comments point here, at the stable key, so they survive new versions.
 */
@Entity({ name: 'paragraphs' })
@Unique('paragraphs_document_key_key', ['documentId', 'key'])
export class ParagraphEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Relation<DocumentEntity>;

  @Column({ type: 'varchar', length: 60 })
  key!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
