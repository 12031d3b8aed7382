import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { catchError, forkJoin, of, switchMap, tap } from 'rxjs';
import type { VersionSummary } from '@doorway/contracts';
import { ExportDialog } from '../../components/export-dialog/export-dialog';
import type { ExportDialogData } from '../../components/export-dialog/export-dialog';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { DocumentsService } from '../../services/documents.service';
import { VersionsService } from '../../services/versions.service';

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; title: string; current: number; versions: VersionSummary[] }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** A published version with the one before it (null for the first). */
export interface VersionRow {
  version: VersionSummary;
  previous: number | null;
}

/** Only published versions, newest first, each with the number of the one before it. */
export function publishedRows(versions: readonly VersionSummary[]): VersionRow[] {
  const published = versions.filter((v) => v.status === 'published').sort((a, b) => a.number - b.number);
  return published.map((version, i) => ({ version, previous: i > 0 ? (published[i - 1]?.number ?? null) : null })).reverse();
}

/** Every published version of a document, with its changelog, to read or compare. */
@Component({
  selector: 'app-versions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, RouterLink, MatButton, MatProgressBar],
  template: `
    <div class="page versions">
      @switch (state().status) {
        @case ('loading') {
          <h1>{{ 'title.versions' | transloco }}</h1>
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'versions.loading' | transloco" />
        }
        @case ('not-found') {
          <h1>{{ 'document.notFound' | transloco }}</h1>
          <p role="alert">{{ 'versions.noDocument' | transloco }}</p>
          <p><a routerLink="/">{{ 'document.allDocuments' | transloco }}</a></p>
        }
        @case ('error') {
          <h1>{{ 'versions.loadFailed' | transloco }}</h1>
          <p class="form-alert" role="alert">{{ errorMessage() }}</p>
        }
      }
      @if (loaded(); as l) {
        <p class="back"><a [routerLink]="['/documents', slug()]">{{ 'versions.back' | transloco }}</a></p>
        <h1>{{ 'versions.heading' | transloco: { title: l.title } }}</h1>
        @if (rows().length === 0) {
          <p>{{ 'versions.none' | transloco }}</p>
        } @else {
          <ol class="list">
            @for (row of rows(); track row.version.number) {
              <li>
                <article class="version" data-testid="version" [attr.aria-labelledby]="'version-' + row.version.number">
                  <h2 [id]="'version-' + row.version.number">
                    {{ 'history.version' | transloco: { version: row.version.number } }}@if (row.version.label) {<span> · {{ row.version.label }}</span>}
                  </h2>
                  <p class="meta">
                    @if (row.version.publishedAt; as published) {
                      <span>{{ 'versions.published' | transloco }} <time [attr.datetime]="published">{{ published | translocoDate: { dateStyle: 'long' } }}</time></span>
                    }
                    @if (row.version.number === l.current) {
                      <span class="current">{{ 'versions.current' | transloco }}</span>
                    }
                  </p>
                  @if (row.version.changelog) {
                    <div class="changelog">
                      <h3>{{ 'versions.whatChanged' | transloco }}</h3>
                      <p class="changelog-text">{{ row.version.changelog }}</p>
                    </div>
                  }
                  <p class="links">
                    <a [routerLink]="['/documents', slug(), 'versions', row.version.number]">{{ 'versions.read' | transloco: { version: row.version.number } }}</a>
                    @if (row.previous !== null) {
                      <a
                        [routerLink]="['/documents', slug(), 'compare']"
                        [queryParams]="{ from: row.previous, to: row.version.number }"
                        [attr.aria-describedby]="'version-' + row.version.number"
                        >{{ 'versions.compare' | transloco }}</a
                      >
                    }
                    @if (signedIn()) {
                      <button
                        mat-stroked-button
                        type="button"
                        class="export"
                        [attr.aria-label]="'export.title' | transloco: { version: row.version.number }"
                        (click)="openExport(row.version)"
                      >
                        {{ 'versions.export' | transloco }}
                      </button>
                    }
                  </p>
                </article>
              </li>
            }
          </ol>
        }
        <section class="open-data" aria-labelledby="open-data-heading">
          <h2 id="open-data-heading">{{ 'versions.openData' | transloco }}</h2>
          <p>{{ 'versions.openDataText' | transloco }}</p>
          <ul>
            @for (file of openData(); track file.href) {
              <li><a [href]="file.href" download>{{ file.text | transloco }}</a></li>
            }
          </ul>
        </section>
      }
    </div>
  `,
  styles: `
    h1 {
      margin: 0.5rem 0 1rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .back {
      margin: 0;
    }
    .list {
      display: grid;
      gap: 1rem;
      max-width: 60rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .version {
      padding: 1rem 1.25rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    h2 {
      margin: 0 0 0.25rem;
      font-size: 1.25rem;
    }
    h3 {
      margin: 0.5rem 0 0.25rem;
      font-size: 1rem;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0;
      color: var(--dw-muted);
    }
    .current {
      padding: 0 0.5rem;
      border: 2px solid #1d6b3e;
      border-radius: 4px;
      font-weight: 600;
      color: var(--dw-text);
    }
    .changelog-text {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.5rem;
      margin: 0.5rem 0 0;
    }
    .links .export {
      min-height: 2.75rem;
    }
    .open-data {
      max-width: 60rem;
      margin: 2rem 0 0;
    }
    .open-data ul {
      margin: 0;
      padding: 0 0 0 1.25rem;
    }
    .open-data a {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      font-weight: 600;
    }
    .links a {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      font-weight: 600;
    }
  `,
})
export class VersionsPage {
  /** The `:slug` route parameter. */
  readonly slug = input.required<string>();

  private readonly documents = inject(DocumentsService);
  private readonly i18n = inject(LanguageService);
  private readonly versions = inject(VersionsService);
  private readonly title = inject(Title);
  private readonly dialog = inject(MatDialog);

  protected readonly signedIn = inject(AuthService).signedIn;

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly loaded = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state : null;
  });
  protected readonly rows = computed(() => publishedRows(this.loaded()?.versions ?? []));
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });

  /** The open-data downloads, public to everyone who can read the document. */
  protected readonly openData = computed(() => {
    const base = `/api/documents/${encodeURIComponent(this.slug())}/open-data`;
    return [
      { href: `${base}/contributions.csv`, text: 'versions.file.contributionsCsv' },
      { href: `${base}/contributions.json`, text: 'versions.file.contributionsJson' },
      { href: `${base}/case-studies.csv`, text: 'versions.file.caseStudiesCsv' },
      { href: `${base}/case-studies.json`, text: 'versions.file.caseStudiesJson' },
    ];
  });

  constructor() {
    toObservable(this.slug)
      .pipe(
        tap(() => this.state.set({ status: 'loading' })),
        switchMap((slug) =>
          forkJoin({ doc: this.documents.get(slug), versions: this.versions.list(slug) }).pipe(
            catchError((error: unknown) => {
              if (error instanceof HttpErrorResponse && error.status === 404) this.state.set({ status: 'not-found' });
              else this.state.set({ status: 'error', message: toApiError(error).message });
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if (!result) return;
        const { doc, versions } = result;
        this.state.set({ status: 'loaded', title: doc.document.title, current: doc.version.number, versions });
        this.title.setTitle(`${this.i18n.t('versions.heading', { title: doc.document.title })} · Doorway`);
      });
  }

  protected openExport(version: VersionSummary): void {
    const data: ExportDialogData = {
      slug: this.slug(),
      versionNumber: version.number,
      versionLabel: version.label,
      draft: version.status === 'draft',
    };
    this.dialog.open(ExportDialog, { data, width: '36rem', maxWidth: 'calc(100vw - 2rem)' });
  }
}
