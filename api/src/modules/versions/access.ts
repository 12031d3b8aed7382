import { hasRole } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { canSeeDocument } from '../documents/documents.service';
import { DocumentNotFoundException } from '../documents/exceptions/document.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import type { DocumentRef } from './version-queries';

/** Composing and publishing versions is editors' work (coordinators included). */
export function requireEditor(user: UserEntity | null): asserts user is UserEntity {
  if (!user || !hasRole(user.role, 'editor')) throw new RoleRequiredException('editor');
}

export function isEditor(user: UserEntity | null): boolean {
  return user !== null && hasRole(user.role, 'editor');
}

/** 404 for a missing document, and for one in the draft phase unless the user is an editor. */
export function visibleDocument(user: UserEntity | null, slug: string, document: DocumentRef | undefined): DocumentRef {
  if (!document || !canSeeDocument(user, document.phase)) throw new DocumentNotFoundException(slug);
  return document;
}
