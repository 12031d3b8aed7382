import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { LIMITS, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type { FieldError, RegisterRequest, StakeholderGroup } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { isApiError, toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { DocumentsService } from '../../services/documents.service';
import { countryOptions, matchCountries, regionOptionText, resolveCountry, type RegionOption } from '../../shared/regions';

/**
 * Optional country: empty, or a country's name (in any interface language) or ISO code. A name is
 * never cut to its first two letters: "Mexico" is MX, not ME (Montenegro).
 */
export function knownCountry(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  if (value === '') return null;
  return resolveCountry(value) === null ? { country: true } : null;
}

type FieldName = 'email' | 'password' | 'displayName' | 'organisation' | 'country' | 'stakeholderGroup';

const FIELD_LABELS: Record<FieldName, string> = {
  email: 'Email',
  password: 'Password',
  displayName: 'Display name',
  organisation: 'Organisation',
  country: 'Country',
  stakeholderGroup: 'Stakeholder group',
};

const isFieldName = (value: string): value is FieldName => value in FIELD_LABELS;

/** The message shown under a field, from its first error (client rules first, then the server's). */
export function fieldErrorMessage(
  field: FieldName,
  errors: ValidationErrors | null,
  t: (key: string, params?: Record<string, unknown>) => string,
): string | null {
  if (!errors) return null;
  if (errors['required']) return t(`register.required.${field}`);
  if (errors['email']) return t('signIn.emailInvalid');
  const minLength = errors['minlength'] as { requiredLength: number } | undefined;
  if (minLength) return t(`register.minLength.${field}`, { min: minLength.requiredLength });
  const maxLength = errors['maxlength'] as { requiredLength: number } | undefined;
  if (maxLength) return t(`register.maxLength.${field}`, { max: maxLength.requiredLength });
  if (errors['country']) return t('register.countryInvalid');
  // The server's own message (e.g. "This email already has an account") arrives in English.
  const server = errors['server'];
  if (typeof server === 'string') return server;
  return t(`register.check.${field}`);
}

@Component({
  selector: 'app-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    ReactiveFormsModule,
    RouterLink,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
  ],
  template: `
    <div class="form-page">
      <h1>{{ 'register.heading' | transloco }}</h1>
      <p class="intro">{{ 'register.intro' | transloco }}</p>
      @if (formError(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'signIn.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" />
          @if (form.controls.email.errors) {
            <mat-error>{{ message('email') }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline">
          <mat-label>{{ 'signIn.password' | transloco }}</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" />
          <mat-hint>{{ 'register.passwordHint' | transloco: { min: limits.password.min } }}</mat-hint>
          @if (form.controls.password.errors) {
            <mat-error>{{ message('password') }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline">
          <mat-label>{{ 'register.field.displayName' | transloco }}</mat-label>
          <input dir="auto" matInput formControlName="displayName" autocomplete="name" />
          @if (form.controls.displayName.errors) {
            <mat-error>{{ message('displayName') }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline">
          <mat-label>{{ 'register.field.organisation' | transloco }}</mat-label>
          <input dir="auto" matInput formControlName="organisation" autocomplete="organization" />
          @if (form.controls.organisation.errors) {
            <mat-error>{{ message('organisation') }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline">
          <mat-label>{{ 'register.field.country' | transloco }}</mat-label>
          <!-- "country" (an ISO code when autofilled) names the purpose for WCAG 1.3.5; the trigger would set "off". -->
          <input dir="auto" matInput formControlName="country" autocomplete="country" [matAutocomplete]="countryPanel" />
          <mat-autocomplete #countryPanel="matAutocomplete" [displayWith]="displayCountry">
            @for (option of countryMatches(); track option.code) {
              <mat-option [value]="option.code">{{ optionText(option) }}</mat-option>
            }
          </mat-autocomplete>
          <mat-hint>{{ countryHint() }}</mat-hint>
          @if (form.controls.country.errors) {
            <mat-error>{{ message('country') }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline">
          <mat-label>{{ 'register.field.stakeholderGroup' | transloco }}</mat-label>
          <mat-select formControlName="stakeholderGroup">
            @for (group of groups; track group) {
              <mat-option [value]="group">{{ 'group.' + group | transloco }}</mat-option>
            }
          </mat-select>
          @if (form.controls.stakeholderGroup.errors) {
            <mat-error>{{ message('stakeholderGroup') }}</mat-error>
          }
        </mat-form-field>

        <div class="actions">
          <button mat-flat-button type="submit">{{ 'register.submit' | transloco }}</button>
        </div>
      </form>
      <p class="switch">
        <a routerLink="/sign-in">{{ 'register.haveAccount' | transloco }}</a>
      </p>
    </div>
  `,
  styles: `
    .intro {
      color: var(--dw-muted);
    }
    .switch {
      margin-top: 2rem;
    }
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(LanguageService);
  private readonly documents = inject(DocumentsService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly limits = LIMITS;
  protected readonly groups = STAKEHOLDER_GROUPS;

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(LIMITS.email.max)],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.minLength(LIMITS.password.min),
        Validators.maxLength(LIMITS.password.max),
      ],
    }),
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.minLength(LIMITS.displayName.min),
        Validators.maxLength(LIMITS.displayName.max),
      ],
    }),
    organisation: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(LIMITS.organisation.max)],
    }),
    country: new FormControl('', { nonNullable: true, validators: [knownCountry] }),
    stakeholderGroup: new FormControl<StakeholderGroup | null>(null, { validators: [Validators.required] }),
  });

  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected message(field: FieldName): string | null {
    return fieldErrorMessage(field, this.form.controls[field].errors, (key, params) => this.i18n.t(key, params));
  }

  private readonly countryText = toSignal(this.form.controls.country.valueChanges, { initialValue: '' });
  protected readonly countryMatches = computed(() => matchCountries(this.countryText(), 40, this.i18n.language()));
  /** What the typed text will be saved as ("Mexico (MX)"), so a wrong guess shows before submitting. */
  protected readonly countryHint = computed(() => {
    const code = resolveCountry(this.countryText(), this.i18n.language());
    const option = code === null ? undefined : countryOptions(this.i18n.language()).find((o) => o.code === code);
    return option ? this.optionText(option) : this.i18n.t('register.countryHint');
  });
  protected readonly optionText = (option: RegionOption): string =>
    regionOptionText(option, (key, params) => this.i18n.t(key, params));
  /** A chosen option's code shows as the country's name. */
  protected readonly displayCountry = (value: string | null): string => {
    if (!value) return '';
    return countryOptions(this.i18n.language()).find((option) => option.code === value)?.name ?? value;
  };

  protected submit(): void {
    if (this.busy()) return;
    this.formError.set(null);
    const value = this.form.getRawValue();
    if (this.form.invalid || value.stakeholderGroup === null) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const organisation = value.organisation.trim();
    const country = resolveCountry(value.country, this.i18n.language()) ?? '';
    const request: RegisterRequest = {
      email: value.email.trim(),
      password: value.password,
      displayName: value.displayName.trim(),
      stakeholderGroup: value.stakeholderGroup,
      ...(organisation ? { organisation } : {}),
      ...(country ? { country } : {}),
    };
    this.busy.set(true);
    this.auth.register(request).subscribe({
      next: () => {
        this.documents.landingUrl().subscribe((url) => void this.router.navigateByUrl(url));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.showServerErrors(error);
      },
    });
  }

  private showServerErrors(error: unknown): void {
    const apiError = toApiError(error);
    const details: FieldError[] =
      error instanceof HttpErrorResponse && isApiError(error.error) ? (error.error.details ?? []) : [];
    const unmatched: string[] = [];
    for (const detail of details) {
      if (isFieldName(detail.field)) {
        const control = this.form.controls[detail.field];
        control.setErrors({ server: `${FIELD_LABELS[detail.field]} ${detail.problems.join(', ')}` });
        control.markAsTouched();
      } else {
        unmatched.push(`${detail.field}: ${detail.problems.join(', ')}`);
      }
    }
    if (details.length === 0) this.formError.set(apiError.message);
    else if (unmatched.length > 0) this.formError.set(unmatched.join('; '));
    else this.formError.set(this.i18n.t('register.correctFields'));
    this.focusFirstInvalid();
  }

  private focusFirstInvalid(): void {
    afterNextRender(
      () => {
        const invalid = this.host.nativeElement.querySelector<HTMLElement>(
          'input.ng-invalid, mat-select.ng-invalid',
        );
        invalid?.focus();
      },
      { injector: this.injector },
    );
  }
}
