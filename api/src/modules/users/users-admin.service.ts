import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole } from '@doorway/contracts';
import type { ManagedUser, ManagedUserPage, Role, StakeholderGroup } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../common/sql/offset-cursor';
import { recordAudit } from '../audit/audit-log';
import type { ChangeRoleDto, ListUsersQuery, SetVerificationDto } from './dto/users.dto';
import type { UserEntity } from './entities/user.entity';
import { OwnRoleException, UserNotFoundException } from './exceptions/users.exceptions';

interface ManagedUserRow {
  id: string;
  email: string;
  display_name: string;
  organisation: string | null;
  stakeholder_group: StakeholderGroup;
  group_verified: boolean;
  role: Role;
  created_at: Date;
}

const COLUMNS = 'id, email, display_name, organisation, stakeholder_group, group_verified, role, created_at';

/** LIKE treats % and _ as wildcards; a search for them means the characters themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Coordinators manage roles and verify stakeholder groups; each change is audited in its own transaction. */
@Injectable()
export class UsersAdminService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(user: UserEntity, query: ListUsersQuery): Promise<ManagedUserPage> {
    this.requireCoordinator(user);
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.search) {
      params.push(likePattern(query.search));
      where.push(`(display_name ILIKE $1 OR email ILIKE $1 OR coalesce(organisation, '') ILIKE $1)`);
    }
    if (query.role) {
      params.push(query.role);
      where.push(`role = $${params.length}::user_role`);
    }
    const limit = query.limit ?? 50;
    const offset = decodeOffsetCursor(query.cursor);
    params.push(limit + 1, offset);
    const rows: ManagedUserRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY lower(display_name), id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.slice(0, limit).map(toManaged),
      nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
    };
  }

  async changeRole(user: UserEntity, id: string, body: ChangeRoleDto): Promise<ManagedUser> {
    this.requireCoordinator(user);
    if (id === user.id) throw new OwnRoleException();
    return this.db.transaction(async (tx) => {
      const [before]: { role: Role }[] = await tx.query('SELECT role FROM users WHERE id = $1 FOR UPDATE', [id]);
      if (!before) throw new UserNotFoundException(id);
      const [[row]]: [ManagedUserRow[], number] = await tx.query(
        `UPDATE users SET role = $2::user_role, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, body.role],
      );
      if (!row) throw new UserNotFoundException(id);
      await recordAudit(tx, {
        actorId: user.id,
        action: 'role_change',
        targetType: 'user',
        targetId: id,
        documentId: null,
        reason: body.reason ?? null,
        details: { from: before.role, to: body.role },
      });
      return toManaged(row);
    });
  }

  async setVerification(user: UserEntity, id: string, body: SetVerificationDto): Promise<ManagedUser> {
    this.requireCoordinator(user);
    return this.db.transaction(async (tx) => {
      const [[row]]: [ManagedUserRow[], number] = await tx.query(
        `UPDATE users SET group_verified = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, body.verified],
      );
      if (!row) throw new UserNotFoundException(id);
      await recordAudit(tx, {
        actorId: user.id,
        action: 'verification',
        targetType: 'user',
        targetId: id,
        documentId: null,
        reason: body.reason ?? null,
        details: { verified: body.verified, stakeholderGroup: row.stakeholder_group },
      });
      return toManaged(row);
    });
  }

  private requireCoordinator(user: UserEntity): void {
    if (!hasRole(user.role, 'coordinator')) throw new RoleRequiredException('coordinator');
  }
}

function toManaged(row: ManagedUserRow): ManagedUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    stakeholderGroup: row.stakeholder_group,
    groupVerified: row.group_verified,
    role: row.role,
    createdAt: row.created_at.toISOString(),
  };
}
