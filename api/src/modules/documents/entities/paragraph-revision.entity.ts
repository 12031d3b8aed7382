import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { DocumentVersionEntity } from './document-version.entity';
import { ParagraphEntity } from './paragraph.entity';
import { VersionSectionEntity } from './version-section.entity';

/** A paragraph's text and place in one version. */
@Entity({ name: 'paragraph_revisions' })
@Unique('paragraph_revisions_version_paragraph_key', ['versionId', 'paragraphId'])
@Unique('paragraph_revisions_version_position_key', ['versionId', 'position'])
export class ParagraphRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => DocumentVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<DocumentVersionEntity>;

  @Column({ name: 'paragraph_id', type: 'uuid' })
  paragraphId!: string;

  @ManyToOne(() => ParagraphEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'paragraph_id' })
  paragraph?: Relation<ParagraphEntity>;

  @Column({ name: 'section_id', type: 'uuid' })
  sectionId!: string;

  @ManyToOne(() => VersionSectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<VersionSectionEntity>;

  /** 1..N without gaps across the whole version, in reading order: it is the number readers see. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;
}
