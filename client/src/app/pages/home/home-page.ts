import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe, TranslocoDecimalPipe } from '@jsverse/transloco-locale';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { DocumentSummary } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { DocumentsService, FEATURED_DOCUMENT_SLUG } from '../../services/documents.service';

/** What Doorway is, and the way in to the draft(s) open for comment. */
@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, TranslocoDecimalPipe, RouterLink, MatIcon, MatProgressBar],
  template: `
    <div class="page home">
      <div class="intro">
        <h1>{{ 'home.heading' | transloco }}</h1>
        <p class="lead">{{ 'home.lead' | transloco }}</p>
        <p>
          {{ 'home.anyone' | transloco }}
          {{ (signedIn() ? 'home.signedIn' : 'home.signedOut') | transloco }}
        </p>
        @if (!signedIn()) {
          <p><a class="secondary" routerLink="/register">{{ 'home.register' | transloco }}</a></p>
        }
      </div>

      <h2>{{ 'home.documents' | transloco }}</h2>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'home.loading' | transloco" />
      } @else if (error(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      } @else if (documents().length === 0) {
        <p>{{ 'home.none' | transloco }}</p>
      } @else {
        <ul class="documents">
          @for (doc of documents(); track doc.id) {
            <li class="document-card" [class.featured]="doc.slug === featured">
              <p class="forum">{{ doc.forum.name }}</p>
              <h3>
                <a class="read-link" [routerLink]="['/documents', doc.slug]" [attr.lang]="doc.language" dir="auto">{{ doc.title }}</a>
              </h3>
              <p class="summary" [attr.lang]="doc.language" dir="auto">{{ doc.summary }}</p>
              <p class="facts">
                @if (doc.currentVersion; as version) {
                  <span>{{ 'home.version' | transloco: { label: version.label, number: version.number } }}</span>
                }
                <span>{{ (doc.commentCount === 1 ? 'home.oneComment' : 'home.comments') | transloco: { count: (doc.commentCount | translocoDecimal) } }}</span>
                @if (doc.hiddenCount > 0) {
                  <span data-testid="hidden-count">{{ (doc.hiddenCount === 1 ? 'home.hiddenOne' : 'home.hidden') | transloco: { count: (doc.hiddenCount | translocoDecimal) } }}</span>
                }
                @if (doc.consultationClosesAt; as closes) {
                  <span>{{ 'home.until' | transloco }} <time [attr.datetime]="closes">{{ closes | translocoDate: { dateStyle: 'long' } }}</time></span>
                }
              </p>
              <a class="cta" [routerLink]="['/documents', doc.slug]" [attr.aria-label]="'home.readAria' | transloco: { title: doc.title }">
                {{ 'home.read' | transloco }}
                <mat-icon class="dw-mirror-rtl" aria-hidden="true" svgIcon="arrow_forward" />
              </a>
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .intro {
      max-width: 70ch;
    }
    h1 {
      margin: 1rem 0;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .lead {
      font-size: 1.1875rem;
      line-height: 1.6;
    }
    h2 {
      margin-top: 2.5rem;
      font-size: 1.375rem;
    }
    .documents {
      display: grid;
      gap: 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .document-card {
      max-width: 70ch;
      padding: 1.25rem 1.5rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    .document-card.featured {
      border: 2px solid var(--dw-accent);
    }
    .forum {
      margin: 0;
      font-size: 0.875rem;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--dw-muted);
    }
    h3 {
      margin: 0.25rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: 1.375rem;
    }
    .summary {
      font-family: var(--dw-reading-font);
      font-size: 1.0625rem;
      line-height: 1.6;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      color: var(--dw-muted);
      font-size: 0.9375rem;
    }
    .cta {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.75rem;
      padding: 0.5rem 1.25rem;
      border-radius: 999px;
      background: var(--dw-accent);
      color: #ffffff;
      font-weight: 600;
      text-decoration: none;
    }
    .cta:hover {
      background: #0842a0;
    }
    .cta mat-icon {
      font-size: 1.25rem;
    }
  `,
})
export class HomePage {
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(LanguageService);
  protected readonly signedIn = this.auth.signedIn;
  protected readonly featured = FEATURED_DOCUMENT_SLUG;
  protected readonly documents = signal<DocumentSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(DocumentsService)
      .list()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (documents) => {
          this.documents.set(documents);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.error.set(`${this.i18n.t('home.loadFailed')} ${toApiError(error).message}`);
          this.loading.set(false);
        },
      });
  }
}
