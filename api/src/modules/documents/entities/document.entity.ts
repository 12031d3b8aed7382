import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CONSULTATION_PHASES } from '@doorway/contracts';
import type { ConsultationPhase } from '@doorway/contracts';
import { ForumEntity } from './forum.entity';

@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'forum_id', type: 'uuid' })
  forumId!: string;

  @ManyToOne(() => ForumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'forum_id' })
  forum?: Relation<ForumEntity>;

  @Column({ type: 'varchar', length: 80, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  /** BCP 47 tag of the language the document's own text is written in (title, summary, paragraphs). */
  @Column({ type: 'varchar', length: 35, default: 'en' })
  language!: string;

  @Column({ name: 'consultation_opens_at', type: 'timestamptz', nullable: true })
  consultationOpensAt!: Date | null;

  @Column({ name: 'consultation_closes_at', type: 'timestamptz', nullable: true })
  consultationClosesAt!: Date | null;

  /** draft: editors only; open: comments welcome until the deadline; closed: read-only while editors merge; final. */
  @Column({ type: 'enum', enum: CONSULTATION_PHASES, enumName: 'consultation_phase', default: 'open' })
  phase!: ConsultationPhase;

  /** While open, contributions are accepted until then (compared with the database server's clock). */
  @Column({ name: 'comment_deadline', type: 'timestamptz', nullable: true })
  commentDeadline!: Date | null;

  /** The published version readers see; null until the first one is published. */
  @Column({ name: 'current_version_id', type: 'uuid', nullable: true })
  currentVersionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
