import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { LIMITS } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';

/** The signed-in user's account: change the password, or sign out on every device. */
@Component({
  selector: 'app-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <div class="form-page">
      <h1>{{ 'account.heading' | transloco }}</h1>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{{ 'account.password.heading' | transloco }}</h2>
        <p>{{ 'account.password.intro' | transloco }}</p>
        @if (passwordAlert(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        @if (passwordChanged()) {
          <p class="form-success" role="status" data-testid="password-changed">{{ 'account.password.changed' | transloco }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="changePassword()" novalidate>
          <!-- Lets password managers file the new password under the right account. -->
          <input class="username" type="email" name="username" autocomplete="username" [value]="email()" readonly tabindex="-1" aria-hidden="true" />
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.password.current' | transloco }}</mat-label>
            <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" />
            @if (form.controls.currentPassword.hasError('required')) {
              <mat-error>{{ 'account.password.currentRequired' | transloco }}</mat-error>
            } @else if (form.controls.currentPassword.hasError('wrong')) {
              <mat-error>{{ 'account.password.currentWrong' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.password.new' | transloco }}</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" />
            <mat-hint>{{ 'account.password.newHint' | transloco: { min: limits.min } }}</mat-hint>
            @if (form.controls.newPassword.hasError('required')) {
              <mat-error>{{ 'account.password.newRequired' | transloco }}</mat-error>
            } @else if (form.controls.newPassword.hasError('minlength') || form.controls.newPassword.hasError('maxlength')) {
              <mat-error>{{ 'account.password.newLength' | transloco: { min: limits.min, max: limits.max } }}</mat-error>
            } @else if (form.controls.newPassword.hasError('same')) {
              <mat-error>{{ 'account.password.newSame' | transloco }}</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ 'account.password.submit' | transloco }}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">{{ 'account.everywhere.heading' | transloco }}</h2>
        <p>{{ 'account.everywhere.intro' | transloco }}</p>
        @if (everywhereAlert(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        @if (confirming()) {
          <div class="confirm" role="group" aria-labelledby="everywhere-question">
            <p id="everywhere-question" #question tabindex="-1">{{ 'account.everywhere.question' | transloco }}</p>
            <button mat-flat-button type="button" class="danger" data-testid="confirm-everywhere" [disabled]="busy()" (click)="signOutEverywhere()">
              {{ 'account.everywhere.confirm' | transloco }}
            </button>
            <button mat-button type="button" (click)="cancel()">{{ 'account.everywhere.cancel' | transloco }}</button>
          </div>
        } @else {
          <button #askButton mat-stroked-button type="button" data-testid="sign-out-everywhere" (click)="askToConfirm()">
            {{ 'account.everywhere.button' | transloco }}
          </button>
        }
      </section>
    </div>
  `,
  styles: `
    section + section {
      margin-top: 2.5rem;
    }
    .username {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      border: 0;
      padding: 0;
    }
    .form-success {
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border: 2px solid var(--dw-accent);
      border-radius: 4px;
    }
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .confirm p {
      flex-basis: 100%;
      margin: 0;
      font-weight: 600;
    }
    .danger {
      --mat-button-filled-container-color: #b3261e;
      --mat-button-filled-label-text-color: #ffffff;
    }
  `,
})
export class AccountPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(LanguageService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly question = viewChild<ElementRef<HTMLElement>>('question');
  private readonly askButton = viewChild<string, ElementRef<HTMLElement>>('askButton', { read: ElementRef });

  protected readonly limits = LIMITS.password;
  protected readonly email = () => this.auth.user()?.email ?? '';
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(LIMITS.password.min), Validators.maxLength(LIMITS.password.max)],
    }),
  });
  protected readonly busy = signal(false);
  protected readonly passwordAlert = signal<string | null>(null);
  protected readonly passwordChanged = signal(false);
  protected readonly confirming = signal(false);
  protected readonly everywhereAlert = signal<string | null>(null);

  protected changePassword(): void {
    if (this.busy()) return;
    this.passwordAlert.set(null);
    this.passwordChanged.set(false);
    const { currentPassword, newPassword } = this.form.getRawValue();
    if (this.form.valid && currentPassword === newPassword) this.form.controls.newPassword.setErrors({ same: true });
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.auth.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.busy.set(false);
        // Resetting through the directive also clears "submitted", so no field shows as in error.
        this.formDirective().resetForm();
        this.passwordChanged.set(true);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.showPasswordError(error);
      },
    });
  }

  protected askToConfirm(): void {
    this.everywhereAlert.set(null);
    this.confirming.set(true);
    afterNextRender(() => this.question()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancel(): void {
    this.confirming.set(false);
    afterNextRender(() => this.askButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected signOutEverywhere(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.auth.signOutEverywhere().subscribe({
      next: () => {
        this.busy.set(false);
        this.snackBar.open(this.i18n.t('account.everywhere.done'), this.i18n.t('common.dismiss'), { duration: 6000, politeness: 'polite' });
        void this.router.navigateByUrl('/sign-in');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.everywhereAlert.set(this.messageFor(error));
      },
    });
  }

  private showPasswordError(error: unknown): void {
    const apiError = toApiError(error);
    const fields = new Set((apiError.details ?? []).map((d) => d.field));
    if (apiError.error === 'WRONG_PASSWORD' || fields.has('currentPassword')) {
      this.form.controls.currentPassword.setErrors({ wrong: true });
    } else if (fields.has('newPassword')) {
      const same = apiError.details?.some((d) => d.field === 'newPassword' && d.problems.some((p) => p.includes('differ')));
      this.form.controls.newPassword.setErrors(same ? { same: true } : { minlength: true });
    } else {
      this.passwordAlert.set(this.messageFor(error));
      return;
    }
    this.form.markAllAsTouched();
    this.focusFirstInvalid();
  }

  private messageFor(error: unknown): string {
    const status = error instanceof HttpErrorResponse ? error.status : toApiError(error).statusCode;
    if (status === 401) return this.i18n.t('account.signedOut');
    if (status === 429) return this.i18n.t('account.password.throttled');
    return toApiError(error).error === 'NETWORK' ? this.i18n.t('errors.network') : this.i18n.t('errors.unexpected');
  }

  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid')?.focus(), { injector: this.injector });
  }
}
