import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ChangeRoleRequest, ManagedUser, ManagedUserPage, Role, SetVerificationRequest } from '@doorway/contracts';

/** Coordinators: the users, their roles and the verification of their stakeholder groups. */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(search: string, role: Role | null, cursor: string | null = null): Observable<ManagedUserPage> {
    let params = new HttpParams();
    if (search.trim()) params = params.set('search', search.trim());
    if (role) params = params.set('role', role);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<ManagedUserPage>('/api/users', { params });
  }

  changeRole(id: string, request: ChangeRoleRequest): Observable<ManagedUser> {
    return this.http.patch<ManagedUser>(`/api/users/${encodeURIComponent(id)}/role`, request);
  }

  setVerification(id: string, request: SetVerificationRequest): Observable<ManagedUser> {
    return this.http.patch<ManagedUser>(`/api/users/${encodeURIComponent(id)}/verification`, request);
  }
}
