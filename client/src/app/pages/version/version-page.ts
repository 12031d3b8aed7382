import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { MatProgressBar } from '@angular/material/progress-bar';
import { catchError, combineLatest, of, switchMap, tap } from 'rxjs';
import type { DocumentVersionView } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { VersionsService } from '../../services/versions.service';
import { Paragraph } from '../../components/paragraph/paragraph';

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; doc: DocumentVersionView }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** A positive whole number from a route parameter, or null. */
export function versionNumber(value: string | undefined): number | null {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/** Any published version, read-only: the same paragraphs as the document, without comment actions. */
@Component({
  selector: 'app-version-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, RouterLink, MatProgressBar, Paragraph],
  template: `
    <div class="version-page">
      @switch (state().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'version.loading' | transloco" />
        }
        @case ('not-found') {
          <h1>{{ 'version.notFound' | transloco }}</h1>
          <p role="alert">{{ 'version.notFoundText' | transloco: { number: number() } }}</p>
          <p><a [routerLink]="['/documents', slug(), 'versions']">{{ 'version.allVersions' | transloco }}</a></p>
        }
        @case ('error') {
          <h1>{{ 'version.loadFailed' | transloco }}</h1>
          <p class="form-alert" role="alert">{{ errorMessage() }}</p>
        }
      }
      @if (doc(); as d) {
        <div class="doc-head">
          <p class="notice" role="note" data-testid="old-version-notice">
            @if (d.version.number === d.document.currentVersion?.number) {
              {{ 'version.readingCurrent' | transloco: { number: d.version.number } }}
              <a [routerLink]="['/documents', slug()]">{{ 'version.readCurrentWithComments' | transloco }}</a>
            } @else {
              {{ 'version.reading' | transloco: { number: d.version.number } }}
              <a [routerLink]="['/documents', slug()]">{{ 'version.readCurrent' | transloco }}</a>
            }
          </p>
          <p class="forum" [attr.lang]="d.document.language" dir="auto">{{ d.document.forum.name }}</p>
          <h1 [attr.lang]="d.document.language" dir="auto">{{ d.document.title }}</h1>
          <p class="version">
            <span class="version-label" data-testid="version-label">{{ versionLabel() }}</span>
            @if (d.version.publishedAt; as published) {
              · {{ 'document.published' | transloco }} <time [attr.datetime]="published">{{ published | translocoDate: { dateStyle: 'long' } }}</time>
            }
          </p>
          <nav class="doc-links" [attr.aria-label]="'title.versions' | transloco">
            <ul>
              <li><a [routerLink]="['/documents', slug(), 'versions']">{{ 'document.allVersions' | transloco }}</a></li>
              @if (d.version.number > 1) {
                <li>
                  <a
                    [routerLink]="['/documents', slug(), 'compare']"
                    [queryParams]="{ from: d.version.number - 1, to: d.version.number }"
                    >{{ 'version.compare' | transloco }}</a
                  >
                </li>
              }
            </ul>
          </nav>
        </div>

        @for (section of d.sections; track section.key) {
          <section class="doc-section" [attr.aria-labelledby]="'section-' + section.key">
            <h2 [id]="'section-' + section.key" [attr.lang]="d.document.language" dir="auto">{{ section.title }}</h2>
            @for (paragraph of section.paragraphs; track paragraph.key) {
              <app-paragraph class="paragraph-col" [paragraph]="paragraph" [slug]="slug()" [readOnly]="true" [lang]="d.document.language" />
            }
          </section>
        }
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .version-page {
      max-width: 56rem;
      margin: 0 auto;
      padding: 1.5rem 1rem 5rem;
    }
    .doc-head {
      max-width: 70ch;
      margin-inline-start: 3.75rem;
    }
    .notice {
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border: 2px solid #7a5c00;
      border-inline-start-width: 6px;
      border-radius: 4px;
      background: #fff8e1;
      font-weight: 600;
    }
    .forum {
      margin: 0;
      font-weight: 600;
      color: var(--dw-muted);
      text-transform: uppercase;
      letter-spacing: 0.04em;
      font-size: 0.875rem;
    }
    h1 {
      margin: 0.25rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .version {
      margin: 0.25rem 0;
      color: var(--dw-muted);
    }
    .version-label {
      font-weight: 600;
      color: var(--dw-text);
    }
    .doc-links ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.25rem;
      margin: 0.25rem 0 1rem;
      padding: 0;
      list-style: none;
    }
    .doc-links a {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      font-weight: 600;
    }
    .doc-section h2 {
      margin: 2.5rem 0 1rem 3.75rem;
      font-family: var(--dw-reading-font);
      font-size: 1.5rem;
    }
    .paragraph-col {
      display: block;
      margin-bottom: 0.5rem;
    }
    @media (max-width: 599.98px) {
      .doc-head,
      .doc-section h2 {
        margin-inline-start: 0;
      }
    }
  `,
})
export class VersionPage {
  /** Route parameters `:slug` and `:number`. */
  readonly slug = input.required<string>();
  readonly number = input<string>();

  private readonly versions = inject(VersionsService);
  private readonly i18n = inject(LanguageService);
  private readonly title = inject(Title);

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly doc = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.doc : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });
  protected readonly versionLabel = computed(() => {
    const version = this.doc()?.version;
    if (!version) return '';
    const number = this.i18n.t('history.version', { version: version.number });
    return version.label ? `${number} · ${version.label}` : number;
  });

  constructor() {
    combineLatest([toObservable(this.slug), toObservable(this.number)])
      .pipe(
        tap(() => this.state.set({ status: 'loading' })),
        switchMap(([slug, raw]) => {
          const n = versionNumber(raw);
          if (n === null) {
            this.state.set({ status: 'not-found' });
            return of(null);
          }
          return this.versions.get(slug, n).pipe(
            catchError((error: unknown) => {
              if (error instanceof HttpErrorResponse && error.status === 404) this.state.set({ status: 'not-found' });
              else this.state.set({ status: 'error', message: toApiError(error).message });
              return of(null);
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((doc) => {
        if (!doc) return;
        this.state.set({ status: 'loaded', doc });
        this.title.setTitle(`${this.i18n.t('version.windowTitle', { number: doc.version.number, title: doc.document.title })} · Doorway`);
      });
  }
}
