import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, catchError, firstValueFrom, map, of, tap } from 'rxjs';
import type { ChangePasswordRequest, CurrentUser, RegisterRequest, SessionResponse, SignInRequest } from '@doorway/contracts';

/** Who is signed in. The session itself lives in an httpOnly cookie; this is only its mirror. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<CurrentUser | null>(null);

  /** The signed-in user, or null. */
  readonly user = this.current.asReadonly();
  readonly signedIn = computed(() => this.current() !== null);

  /**
   * Asks the API who we are. Runs once at startup; the same GET also hands us the CSRF cookie that
   * Angular echoes on every write. Never rejects: if the API is unreachable we are simply signed out.
   */
  load(): Promise<void> {
    return firstValueFrom(
      this.http.get<SessionResponse>('/api/auth/me').pipe(
        map((session) => session.user),
        catchError(() => of(null)),
      ),
    ).then((user) => this.current.set(user));
  }

  register(request: RegisterRequest): Observable<CurrentUser | null> {
    return this.http.post<SessionResponse>('/api/auth/register', request).pipe(
      map((session) => session.user),
      tap((user) => this.current.set(user)),
    );
  }

  signIn(request: SignInRequest): Observable<CurrentUser | null> {
    return this.http.post<SessionResponse>('/api/auth/sign-in', request).pipe(
      map((session) => session.user),
      tap((user) => this.current.set(user)),
    );
  }

  /** Ends every other session; this browser gets a fresh cookie and stays signed in. */
  changePassword(request: ChangePasswordRequest): Observable<CurrentUser | null> {
    return this.http.post<SessionResponse>('/api/auth/password', request).pipe(
      map((session) => session.user),
      tap((user) => this.current.set(user)),
    );
  }

  /** Ends every session of this user, this browser's included. */
  signOutEverywhere(): Observable<void> {
    return this.http.post<SessionResponse>('/api/auth/sign-out-everywhere', {}).pipe(
      tap(() => this.current.set(null)),
      map(() => undefined),
    );
  }

  signOut(): Observable<void> {
    return this.http.post<SessionResponse>('/api/auth/sign-out', {}).pipe(
      tap(() => this.current.set(null)),
      map(() => undefined),
    );
  }
}
