import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Observable, of } from 'rxjs';
import { LIMITS } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { safeReturnUrl } from '../../core/navigation/return-url';
import { DocumentsService } from '../../services/documents.service';

@Component({
  selector: 'app-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ReactiveFormsModule, RouterLink, MatButton, MatError, MatFormField, MatInput, MatLabel],
  template: `
    <div class="form-page">
      <h1>{{ 'signIn.heading' | transloco }}</h1>
      @if (formError(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'signIn.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="username" />
          @if (form.controls.email.hasError('required')) {
            <mat-error>{{ 'signIn.emailRequired' | transloco }}</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>{{ 'signIn.emailInvalid' | transloco }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'signIn.password' | transloco }}</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="current-password" />
          @if (form.controls.password.hasError('required')) {
            <mat-error>{{ 'signIn.passwordRequired' | transloco }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit">{{ 'signIn.submit' | transloco }}</button>
        </div>
      </form>
      <p class="switch">{{ 'signIn.newHere' | transloco }} <a routerLink="/register" [queryParams]="linkParams()">{{ 'signIn.createAccount' | transloco }}</a></p>
    </div>
  `,
  styles: `
    .switch {
      margin-top: 2rem;
    }
  `,
})
export class SignInPage {
  /** Where to go back to after signing in (query parameter). */
  readonly returnUrl = input<string | undefined>();

  private readonly auth = inject(AuthService);
  private readonly documents = inject(DocumentsService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(LIMITS.email.max)],
    }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected linkParams(): Record<string, string> {
    const back = safeReturnUrl(this.returnUrl());
    return back ? { returnUrl: back } : {};
  }

  protected submit(): void {
    if (this.busy()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.auth.signIn({ email: this.form.controls.email.value.trim(), password: this.form.controls.password.value }).subscribe({
      next: () => {
        this.destination().subscribe((url) => void this.router.navigateByUrl(url));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(toApiError(error).message);
      },
    });
  }

  private destination(): Observable<string> {
    const back = safeReturnUrl(this.returnUrl());
    return back ? of(back) : this.documents.landingUrl();
  }

  private focusFirstInvalid(): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid')?.focus(),
      { injector: this.injector },
    );
  }
}
