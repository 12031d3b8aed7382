import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ROLES, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type { Role, StakeholderGroup } from '@doorway/contracts';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored as given; uniqueness is case-insensitive through the `lower(email)` index in the migration. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 80 })
  displayName!: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  organisation!: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Column({ name: 'stakeholder_group', type: 'enum', enum: STAKEHOLDER_GROUPS, enumName: 'stakeholder_group' })
  stakeholderGroup!: StakeholderGroup;

  @Column({ name: 'group_verified', type: 'boolean', default: false })
  groupVerified!: boolean;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role', default: 'participant' })
  role!: Role;

  /** Sessions carry the epoch they were issued under; bumping it ends every earlier session. */
  @Column({ name: 'session_epoch', type: 'integer', default: 0 })
  sessionEpoch!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
