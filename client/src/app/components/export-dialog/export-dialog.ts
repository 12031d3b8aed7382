import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDecimalPipe } from '@jsverse/transloco-locale';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { Subscription, switchMap, tap } from 'rxjs';
import { ANNEXES, DIGEST_ABOVE_CONTRIBUTIONS, EXPORT_FORMATS } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { localeOf } from '../../core/i18n/languages';
import type { Translate } from '../../core/i18n/languages';
import type { AnnexKey, ExportFormat, ExportJobView } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { ExportsService } from '../../services/exports.service';

export interface ExportDialogData {
  slug: string;
  versionNumber: number;
  /** The version's label, e.g. "Draft for public comment" ('' when none). */
  versionLabel: string;
  /** An unpublished draft (only editors and coordinators may export one). */
  draft: boolean;
}

type ExportState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; job: ExportJobView }
  | { status: 'done'; job: ExportJobView }
  | { status: 'failed'; message: string };

/**
 * The stages the API's export job reports (export_jobs.stage), by their translation key. The server
 * names them in English words that double as codes; the client says them in the reader's language.
 */
const EXPORT_STAGE_KEYS: Readonly<Record<string, string>> = {
  queued: 'exportStage.queued',
  starting: 'exportStage.starting',
  'reading the document': 'exportStage.document',
  'reading contributions': 'exportStage.contributions',
  'reading case studies and contributors': 'exportStage.caseStudies',
  'laying out the document': 'exportStage.layout',
  'writing the file': 'exportStage.writing',
  done: 'exportStage.done',
  failed: 'exportStage.failed',
};

/** "Reading contributions: 20%"; "Ready" when done. */
export function progressText(job: ExportJobView, t: Translate, locale: string): string {
  if (job.status === 'done') return t('export.ready');
  const code = job.stage.trim();
  const key = code === '' ? 'exportStage.queued' : EXPORT_STAGE_KEYS[code];
  // A stage this client does not know yet (a newer server) is still shown, in the server's words.
  const stage = key ? t(key) : `${code.charAt(0).toUpperCase()}${code.slice(1)}`;
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).format(Math.round(job.progress * 100) / 100);
  return t('export.stageProgress', { stage, percent });
}

/** Bytes as whole kilobytes, never "0 kB" for a file that has content. */
export function kilobytes(bytes: number | null, locale = 'en-GB'): string {
  if (bytes === null) return '';
  // Intl writes the unit as each language abbreviates it ("kB", "ko", …).
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte' }).format(Math.max(1, Math.round(bytes / 1024)));
}

let nextId = 0;

/** Builds a file of one version (format and annexes to choose), shows its progress, then offers the download. */
@Component({
  selector: 'app-export-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDecimalPipe, MatButton, MatCheckbox, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle, MatProgressBar, MatRadioButton, MatRadioGroup],
  template: `
    <h2 mat-dialog-title>{{ 'export.title' | transloco: { version: data.versionNumber } }}</h2>
    <mat-dialog-content>
      @if (data.versionLabel || data.draft) {
        <p class="version">
          @if (data.versionLabel) {
            <span>{{ data.versionLabel }}</span>
          }
          @if (data.draft) {
            <span class="draft">{{ 'export.draft' | transloco }}</span>
          }
        </p>
      }
      <fieldset>
        <legend [id]="formatLegend">{{ 'export.format' | transloco }}</legend>
        <mat-radio-group
          class="options"
          [attr.aria-labelledby]="formatLegend"
          [value]="format()"
          [disabled]="busy()"
          (change)="format.set($event.value)"
        >
          @for (f of formats; track f) {
            <mat-radio-button [value]="f">{{ 'exportFormat.' + f | transloco }}</mat-radio-button>
          }
        </mat-radio-group>
      </fieldset>
      <fieldset class="options">
        <legend>{{ 'export.annexes' | transloco }}</legend>
        @for (a of annexes; track a) {
          <mat-checkbox [checked]="chosen().includes(a)" [disabled]="busy()" (change)="toggle(a, $event.checked)">{{
            'annex.' + a | transloco
          }}</mat-checkbox>
        }
        <p class="hint">
          {{ 'export.digestHint' | transloco: { count: (digestAbove | translocoDecimal) } }}
        </p>
      </fieldset>

      @if (job()) {
        <mat-progress-bar class="progress" mode="determinate" [value]="percent()" [attr.aria-label]="'export.progress' | transloco" />
      }
      <!-- Always in the page, so that screen readers hear each change of its text. -->
      <p class="status" role="status" aria-live="polite">{{ statusText() }}</p>
      @if (done(); as d) {
        <p class="download">
          <a #downloadLink [href]="d.downloadUrl" download data-testid="export-download">{{ downloadText() }}</a>
        </p>
      }
      @if (failure(); as message) {
        <div class="failure">
          <p class="form-alert" role="alert"><strong>{{ 'export.failed' | transloco }}</strong> {{ message }}</p>
          <button mat-stroked-button type="button" (click)="start()">{{ 'common.tryAgain' | transloco }}</button>
        </div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.close' | transloco }}</button>
      <button mat-flat-button type="button" [disabled]="busy()" (click)="start()">{{ 'export.start' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    fieldset {
      margin: 0 0 1rem;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    legend {
      padding: 0 0.25rem;
      font-weight: 600;
    }
    .hint {
      margin: 0.5rem 0 0;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .options {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
    }
    .version {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      margin: 0 0 1rem;
    }
    .draft {
      padding: 0 0.5rem;
      border: 2px solid currentColor;
      border-radius: 4px;
      font-weight: 600;
    }
    .progress {
      margin: 0.5rem 0 0;
    }
    .status {
      min-height: 1.5em;
      margin: 0.5rem 0;
    }
    .download {
      margin: 0.5rem 0;
    }
    .download a {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    /* Focus arrives here by script, which :focus-visible may not mark after a click: the ring shows where it went. */
    .download a:focus {
      outline: 3px solid var(--dw-focus);
      outline-offset: 2px;
    }
    .failure p {
      margin: 0 0 0.5rem;
    }
  `,
})
export class ExportDialog {
  protected readonly data = inject<ExportDialogData>(MAT_DIALOG_DATA);
  private readonly exports = inject(ExportsService);
  private readonly i18n = inject(LanguageService);
  private readonly t: Translate = (key, params) => this.i18n.t(key, params);
  private readonly injector = inject(Injector);

  protected readonly formats = EXPORT_FORMATS;
  protected readonly annexes = ANNEXES;
  protected readonly formatLegend = `export-format-${nextId++}`;

  protected readonly digestAbove = DIGEST_ABOVE_CONTRIBUTIONS;
  readonly format = signal<ExportFormat>('docx');
  /**
   * The synthesis by stakeholder group is what a coordinator exports the outcome document for, so it
   * starts ticked; the longer annexes are asked for.
   */
  readonly chosen = signal<readonly AnnexKey[]>(['A']);
  protected readonly state = signal<ExportState>({ status: 'idle' });

  protected readonly busy = computed(() => {
    const status = this.state().status;
    return status === 'starting' || status === 'running';
  });
  protected readonly job = computed(() => {
    const state = this.state();
    if (state.status === 'starting') return null;
    return state.status === 'running' || state.status === 'done' ? state.job : null;
  });
  protected readonly percent = computed(() => Math.round((this.job()?.progress ?? 0) * 100));
  protected readonly done = computed(() => {
    const state = this.state();
    return state.status === 'done' ? state.job : null;
  });
  /** "Download bpf-v1.docx (32 kB)". */
  protected readonly downloadText = computed(() => {
    const job = this.done();
    if (!job) return '';
    const size = kilobytes(job.byteSize, localeOf(this.i18n.language()));
    const name = job.fileName ?? this.i18n.t('export.theFile');
    return this.i18n.t(size ? 'export.downloadSized' : 'export.download', { name, size });
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'failed' ? state.message : null;
  });
  protected readonly statusText = computed(() => {
    const state = this.state();
    if (state.status === 'starting') return this.i18n.t('export.starting');
    if (state.status === 'done') return this.i18n.t('export.ready');
    if (state.status === 'running') return progressText(state.job, this.t, localeOf(this.i18n.language()));
    return '';
  });

  private readonly downloadLink = viewChild<ElementRef<HTMLAnchorElement>>('downloadLink');
  private run: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.run?.unsubscribe());
  }

  protected toggle(annex: AnnexKey, checked: boolean): void {
    // Kept in the order of the annexes, whatever order they were ticked in.
    this.chosen.update((chosen) => ANNEXES.filter((a) => (a === annex ? checked : chosen.includes(a))));
  }

  protected start(): void {
    if (this.busy()) return;
    this.run?.unsubscribe();
    this.state.set({ status: 'starting' });
    this.run = this.exports
      .start(this.data.slug, this.data.versionNumber, { format: this.format(), annexes: [...this.chosen()] })
      .pipe(
        // The queued job shows at once; the stream then brings each change.
        tap((job) => this.show(job)),
        switchMap((job) => this.exports.watch(job.id)),
      )
      .subscribe({
        next: (job) => this.show(job),
        error: (error: unknown) => this.state.set({ status: 'failed', message: toApiError(error).message }),
      });
  }

  private show(job: ExportJobView): void {
    if (job.status === 'failed') {
      this.state.set({ status: 'failed', message: job.error ?? this.i18n.t('errors.unexpected') });
    } else if (job.status === 'done') {
      this.state.set({ status: 'done', job });
      afterNextRender({ write: () => this.downloadLink()?.nativeElement.focus() }, { injector: this.injector });
    } else {
      this.state.set({ status: 'running', job });
    }
  }
}
