import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { DocumentVersionEntity } from './document-version.entity';

/** A section heading as it stands in one version; the key stays stable across versions. */
@Entity({ name: 'version_sections' })
@Unique('version_sections_version_key_key', ['versionId', 'key'])
export class VersionSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => DocumentVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<DocumentVersionEntity>;

  @Column({ type: 'varchar', length: 60 })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'int' })
  position!: number;
}
