import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import type { CurrentUser } from '@doorway/contracts';
import { AuthService } from '../core/auth/auth.service';

/** Makes `user` the signed-in user, through the real AuthService and a mocked API answer. */
export function signInAs(user: CurrentUser): void {
  TestBed.inject(AuthService).signIn({ email: user.email, password: 'doorway-demo-2016' }).subscribe();
  TestBed.inject(HttpTestingController).expectOne('/api/auth/sign-in').flush({ user });
}
