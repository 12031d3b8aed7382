import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ATTRIBUTIONS, CASE_STUDY_DOMAINS, CASE_STUDY_STATUSES, DEFAULT_CONTENT_LANGUAGE, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import { DISPOSITIONS } from '../../comments/entities/contribution.entity';
import type { Disposition } from '../../comments/entities/contribution.entity';
import type { Attribution, CaseStudyDomain, CaseStudyLink, CaseStudyStatus, StakeholderGroup } from '@doorway/contracts';

/** Indexes, checks and the generated `search` column are declared in the CaseStudies migration. */
@Entity({ name: 'case_studies' })
export class CaseStudyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'author_group', type: 'enum', enum: STAKEHOLDER_GROUPS, enumName: 'stakeholder_group' })
  authorGroup!: StakeholderGroup;

  @Column({ type: 'enum', enum: CASE_STUDY_STATUSES, enumName: 'case_study_status', default: 'draft' })
  status!: CaseStudyStatus;

  @Column({ type: 'varchar', length: 200, default: '' })
  title!: string;

  /** BCP 47 tag of the language the story is written in; see ContributionLanguage. */
  @Column({ type: 'varchar', length: 35, default: DEFAULT_CONTENT_LANGUAGE })
  language!: string;

  @Column({ type: 'varchar', length: 3, default: '' })
  region!: string;

  @Column({ name: 'year_from', type: 'int', nullable: true })
  yearFrom!: number | null;

  @Column({ name: 'year_to', type: 'int', nullable: true })
  yearTo!: number | null;

  @Column({ type: 'enum', enum: CASE_STUDY_DOMAINS, enumName: 'case_study_domain', array: true, default: '{}' })
  domains!: CaseStudyDomain[];

  @Column({ name: 'stakeholder_groups', type: 'enum', enum: STAKEHOLDER_GROUPS, enumName: 'stakeholder_group', array: true, default: '{}' })
  stakeholderGroups!: StakeholderGroup[];

  @Column({ name: 'closed_door', type: 'text', default: '' })
  closedDoor!: string;

  @Column({ name: 'what_opened', type: 'text', default: '' })
  whatOpened!: string;

  @Column({ type: 'text', default: '' })
  outcome!: string;

  @Column({ type: 'text', default: '' })
  lessons!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links!: CaseStudyLink[];

  @Column({ name: 'paragraph_keys', type: 'varchar', length: 60, array: true, default: '{}' })
  paragraphKeys!: string[];

  @Column({ name: 'consent_to_publish', type: 'boolean', default: false })
  consentToPublish!: boolean;

  @Column({ type: 'enum', enum: ATTRIBUTIONS, enumName: 'attribution', default: 'named' })
  attribution!: Attribution;

  @Column({ name: 'assigned_editor_id', type: 'uuid', nullable: true })
  assignedEditorId!: string | null;

  @Column({ name: 'review_message', type: 'text', nullable: true })
  reviewMessage!: string | null;

  /** What the triage recorded: accepted and declined follow the review decision. */
  @Column({ type: 'enum', enum: DISPOSITIONS, enumName: 'disposition', default: 'pending' })
  disposition!: Disposition;

  @Column({ name: 'included_in_version', type: 'int', nullable: true })
  includedInVersion!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
