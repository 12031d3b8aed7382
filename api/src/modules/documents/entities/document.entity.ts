import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
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

  @Column({ name: 'consultation_opens_at', type: 'timestamptz', nullable: true })
  consultationOpensAt!: Date | null;

  @Column({ name: 'consultation_closes_at', type: 'timestamptz', nullable: true })
  consultationClosesAt!: Date | null;

  /** The published version readers see; null until the first one is published. */
  @Column({ name: 'current_version_id', type: 'uuid', nullable: true })
  currentVersionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
