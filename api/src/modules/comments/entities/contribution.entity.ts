import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type { StakeholderGroup } from '@doorway/contracts';
import { UserEntity } from '../../users/entities/user.entity';
import { DocumentEntity } from '../../documents/entities/document.entity';
import { DocumentVersionEntity } from '../../documents/entities/document-version.entity';
import { ParagraphEntity } from '../../documents/entities/paragraph.entity';

export const CONTRIBUTION_KINDS = ['comment', 'reply', 'suggestion', 'case_study'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const DISPOSITIONS = [
  'pending',
  'accepted',
  'partially_accepted',
  'noted',
  'declined',
  'duplicate',
  'out_of_scope',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * Everything a stakeholder contributes: comments and replies now; suggested edits and case
 * studies later. Indexes are declared in the migration (see InitialSchema) with their names.
 */
@Entity({ name: 'contributions' })
export class ContributionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: CONTRIBUTION_KINDS, enumName: 'contribution_kind' })
  kind!: ContributionKind;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Relation<DocumentEntity>;

  /** The version the author was reading when they wrote. */
  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => DocumentVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<DocumentVersionEntity>;

  /** The stable paragraph, not one revision of it. */
  @Column({ name: 'paragraph_id', type: 'uuid', nullable: true })
  paragraphId!: string | null;

  @ManyToOne(() => ParagraphEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'paragraph_id' })
  paragraph?: Relation<ParagraphEntity>;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => ContributionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<ContributionEntity>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity>;

  /** The author's group when they wrote this; a later change of group does not rewrite history. */
  @Column({ name: 'author_group', type: 'enum', enum: STAKEHOLDER_GROUPS, enumName: 'stakeholder_group' })
  authorGroup!: StakeholderGroup;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'quote_exact', type: 'text', nullable: true })
  quoteExact!: string | null;

  @Column({ name: 'quote_prefix', type: 'text', nullable: true })
  quotePrefix!: string | null;

  @Column({ name: 'quote_suffix', type: 'text', nullable: true })
  quoteSuffix!: string | null;

  @Column({ type: 'enum', enum: DISPOSITIONS, enumName: 'disposition', default: 'pending' })
  disposition!: Disposition;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
