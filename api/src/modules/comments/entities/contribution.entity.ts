import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { DEFAULT_CONTENT_LANGUAGE, DISPOSITIONS, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type { Disposition, StakeholderGroup } from '@doorway/contracts';
import { UserEntity } from '../../users/entities/user.entity';
import { DocumentEntity } from '../../documents/entities/document.entity';
import { DocumentVersionEntity } from '../../documents/entities/document-version.entity';
import { ParagraphEntity } from '../../documents/entities/paragraph.entity';

export const CONTRIBUTION_KINDS = ['comment', 'reply', 'suggestion', 'case_study'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export { DISPOSITIONS };
export type { Disposition };

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

  /** BCP 47 tag of the language it is written in ("en", "fr", "ar"…); see ContributionLanguage. */
  @Column({ type: 'varchar', length: 35, default: DEFAULT_CONTENT_LANGUAGE })
  language!: string;

  @Column({ name: 'quote_exact', type: 'text', nullable: true })
  quoteExact!: string | null;

  @Column({ name: 'quote_prefix', type: 'text', nullable: true })
  quotePrefix!: string | null;

  @Column({ name: 'quote_suffix', type: 'text', nullable: true })
  quoteSuffix!: string | null;

  @Column({ type: 'enum', enum: DISPOSITIONS, enumName: 'disposition', default: 'pending' })
  disposition!: Disposition;

  /** For suggestions: the proposed replacement text of the paragraph. */
  @Column({ name: 'proposed_text', type: 'text', nullable: true })
  proposedText!: string | null;

  /** The editor who recorded this intervention on a speaker's behalf (the author is then that editor). */
  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById!: string | null;

  @Column({ name: 'speaker_name', type: 'varchar', length: 120, nullable: true })
  speakerName!: string | null;

  @Column({ name: 'speaker_organisation', type: 'varchar', length: 120, nullable: true })
  speakerOrganisation!: string | null;

  @Column({ name: 'disposition_note', type: 'text', nullable: true })
  dispositionNote!: string | null;

  @Column({ name: 'duplicate_of_id', type: 'uuid', nullable: true })
  duplicateOfId!: string | null;

  @Column({ name: 'answered_in_version', type: 'int', nullable: true })
  answeredInVersion!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
