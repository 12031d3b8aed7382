import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CASE_STUDY_STATUSES } from '@doorway/contracts';
import type { CaseStudyStatus } from '@doorway/contracts';

/** One status change of a case study: who made it, when, and the message that came with it. */
@Entity({ name: 'case_study_transitions' })
export class CaseStudyTransitionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'case_study_id', type: 'uuid' })
  caseStudyId!: string;

  @Column({ name: 'from_status', type: 'enum', enum: CASE_STUDY_STATUSES, enumName: 'case_study_status', nullable: true })
  fromStatus!: CaseStudyStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: CASE_STUDY_STATUSES, enumName: 'case_study_status' })
  toStatus!: CaseStudyStatus;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
