import { TranslocoPipe } from '@jsverse/transloco';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  InjectionToken,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { EMPTY, catchError, distinctUntilChanged, expand, firstValueFrom, reduce } from 'rxjs';
import { hasRole } from '@doorway/contracts';
import type { CaseStudyCard, DraftChange, DraftView, ProvenanceRef, PublishRequest, SaveDraftRequest, TriageItem } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { isApiError, toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import type { Translate } from '../../core/i18n/languages';
import { DraftsService, draftConflict } from '../../services/drafts.service';
import type { DraftConflict } from '../../services/drafts.service';
import { NO_TRIAGE_FILTERS, TriageService } from '../../services/triage.service';
import { attributionText } from '../../shared/case-studies/case-study-text';
import { firstWords } from '../../shared/case-studies/paragraph-choices';
import { Autosaver } from '../../core/autosave/autosaver';
import { DRAFT_AUTOSAVE_DELAY_MS, draftSaveText } from './draft-status';
import {
  addProvenance,
  adoptKeys,
  applySuggestion,
  blankParagraphs,
  canMoveDown,
  canMoveUp,
  changesOf,
  conflictDifferences,
  deleteParagraph,
  describeDraftProblems,
  insertAfter,
  insertCaseStudy,
  insertedCaseStudies,
  moveDown,
  moveToSection,
  moveUp,
  placed,
  refsFromDraft,
  removeProvenance,
  restoreParagraph,
  setSectionTitle,
  setText,
  stateFromDraft,
  summarize,
  summaryText,
  toSaveRequest,
} from './merge-model';
import type { MergeState } from './merge-model';
import { MergeParagraphCard, refFromItem } from './merge-paragraph';
import { PublishDialog } from './publish-dialog';
import type { PublishDialogData } from './publish-dialog';

/** How long edits must pause before the draft is saved (a token so specs can shorten it). */
export const MERGE_AUTOSAVE_DELAY = new InjectionToken<number>('MERGE_AUTOSAVE_DELAY', {
  factory: () => DRAFT_AUTOSAVE_DELAY_MS,
});

type Phase = 'loading' | 'ready' | 'error';

type CaseStudyPanel =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'open'; cards: CaseStudyCard[] }
  | { status: 'error'; message: string };

/** A problem found before sending a save (nothing was sent). */
class DraftProblem extends Error {}

const ANSWERED: ReadonlySet<string> = new Set(['accepted', 'partially_accepted']);

/** Editors: compose the next version from the current one, the accepted suggestions and case studies, and publish it. */
@Component({
  selector: 'app-merge-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, 
    RouterLink,
    CdkTextareaAutosize,
    MatButton,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    MergeParagraphCard,
  ],
  template: `
    <div class="page merge">
      @if (!isEditor()) {
        <h1>{{ 'title.merge' | transloco }}</h1>
        <p role="alert">{{ 'merge.editorsOnly' | transloco }}</p>
      } @else {
        @switch (phase()) {
          @case ('loading') {
            <h1>{{ 'title.merge' | transloco }}</h1>
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'merge.loading' | transloco" />
          }
          @case ('error') {
            <h1>{{ 'title.merge' | transloco }}</h1>
            <p class="form-alert" role="alert">{{ loadError() }}</p>
          }
          @case ('ready') {
            <h1>{{ 'merge.heading' | transloco: { number: number() } }}</h1>
            <p class="intro">
              @if (baseNumber() > 0) {
                {{ 'merge.startingFrom' | transloco: { number: baseNumber() } }}
              }
              {{ 'merge.intro' | transloco }} <a [routerLink]="['/documents', slug(), 'triage']">{{ 'merge.triage' | transloco }}</a>
            </p>
            <p class="status" data-testid="merge-status" role="status" aria-live="polite">{{ statusText() }}</p>
            <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>

            @if (conflict(); as clash) {
              <section class="conflict" aria-labelledby="conflict-title">
                <h2 id="conflict-title" tabindex="-1">{{ 'merge.conflict' | transloco }}</h2>
                <p>{{ clash.message }}</p>
                @if (clash.current) {
                  @if (differences().length > 0) {
                    <p>{{ 'merge.whatDiffers' | transloco }}</p>
                    <ul data-testid="conflict-differences">
                      @for (difference of differences(); track $index) {
                        <li>{{ difference }}</li>
                      }
                    </ul>
                  } @else {
                    <p>{{ 'merge.sameParagraphs' | transloco }}</p>
                  }
                } @else {
                  <p>{{ 'merge.loadNew' | transloco }}</p>
                }
                <div class="actions">
                  <button mat-flat-button type="button" (click)="loadTheirs()">{{ 'merge.loadTheirs' | transloco }}</button>
                  @if (clash.current) {
                    <button mat-stroked-button type="button" (click)="keepMine()">{{ 'merge.keepMine' | transloco }}</button>
                  }
                </div>
              </section>
            }
            @if (conflict()) {
              <div class="conflict-bar">
                <span>{{ 'merge.conflictBanner' | transloco }}</span>
                <button mat-stroked-button type="button" (click)="reviewConflict()">{{ 'merge.review' | transloco }}</button>
              </div>
            }
            @if (suggestionsError(); as message) {
              <p class="form-alert" role="alert">{{ message }}</p>
            }

            @for (section of state().sections; track section.key; let sectionIndex = $index; let lastSection = $last) {
              <section class="draft-section" [attr.aria-labelledby]="'section-' + section.key">
                <h2 [id]="'section-' + section.key">{{ section.title || ('merge.untitledSection' | transloco) }}</h2>
                <mat-form-field appearance="outline" subscriptSizing="dynamic" class="section-title">
                  <mat-label>{{ 'merge.sectionTitle' | transloco }}<span class="visually-hidden"> {{ 'merge.ofSection' | transloco: { number: sectionIndex + 1 } }}</span></mat-label>
                  <input dir="auto" matInput [value]="section.title" (input)="onSectionTitle(section.key, $event)" maxlength="200" />
                </mat-form-field>

                @if (section.paragraphs.length === 0) {
                  <p class="muted">{{ 'merge.noParagraphs' | transloco }}</p>
                }
                <ol class="paragraphs">
                  @for (paragraph of section.paragraphs; track paragraph.uid) {
                    <li>
                      <app-merge-paragraph
                        [slug]="slug()"
                        [paragraph]="paragraph"
                        [number]="numberOf(paragraph.uid)"
                        [change]="changeOf(paragraph.uid)"
                        [baseVersion]="baseNumber()"
                        [sectionKey]="section.key"
                        [sections]="sectionChoices()"
                        [canMoveUp]="movable(paragraph.uid, 'up')"
                        [canMoveDown]="movable(paragraph.uid, 'down')"
                        [refs]="refs()"
                        [suggestions]="suggestionsFor(paragraph.key)"
                        (textChange)="onText(paragraph.uid, $event)"
                        (applySuggestion)="onApplySuggestion(paragraph.uid, $event)"
                        (addContribution)="onAddContribution(paragraph.uid, $event)"
                        (removeProvenance)="onRemoveProvenance(paragraph.uid, $event)"
                        (moveUp)="onMove(paragraph.uid, 'up')"
                        (moveDown)="onMove(paragraph.uid, 'down')"
                        (moveTo)="onMoveTo(paragraph.uid, $event)"
                        (insertAfter)="onInsertAfter(paragraph.uid)"
                        (remove)="onDelete(paragraph.uid)"
                      />
                    </li>
                  }
                </ol>

                @if (lastSection) {
                  <div class="annex-footer">
                    <button
                      mat-stroked-button
                      type="button"
                      [attr.aria-expanded]="caseStudyPanel().status !== 'closed'"
                      aria-controls="case-study-panel"
                      (click)="toggleCaseStudies()"
                    >
                      <mat-icon aria-hidden="true" svgIcon="library_add" />
                      {{ 'merge.insertCaseStudy' | transloco }}
                    </button>
                    <div id="case-study-panel">
                      @switch (caseStudyPanel().status) {
                        @case ('loading') {
                          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'merge.loadingCaseStudies' | transloco" />
                        }
                        @case ('error') {
                          <p class="form-alert" role="alert">{{ caseStudyError() }}</p>
                        }
                        @case ('open') {
                          @if (insertable().length === 0) {
                            <p class="muted">{{ 'merge.allInserted' | transloco }}</p>
                          } @else {
                            <div class="picker">
                              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                                <mat-label>{{ 'merge.caseStudyToInsert' | transloco }}</mat-label>
                                <mat-select [value]="chosenCaseStudy()" (selectionChange)="chooseCaseStudy($event.value)">
                                  @for (card of insertable(); track card.id) {
                                    <mat-option [value]="card.id">{{ card.title }}</mat-option>
                                  }
                                </mat-select>
                                <mat-hint>{{ 'merge.insertHint' | transloco: { section: section.title } }}</mat-hint>
                              </mat-form-field>
                              <button mat-flat-button type="button" (click)="insertChosenCaseStudy()">{{ 'merge.insertButton' | transloco }}</button>
                              <button mat-button type="button" (click)="closeCaseStudies()">{{ 'common.cancel' | transloco }}</button>
                            </div>
                            @if (caseStudyProblem(); as problem) {
                              <p class="form-alert" role="alert">{{ problem }}</p>
                            }
                          }
                        }
                      }
                    </div>
                  </div>
                }
              </section>
            }

            @if (state().deleted.length > 0) {
              <section class="deleted" aria-labelledby="deleted-title">
                <h2 id="deleted-title" tabindex="-1">{{ 'merge.deleted' | transloco }}</h2>
                <ul>
                  @for (entry of state().deleted; track entry.paragraph.uid) {
                    <li data-testid="deleted-paragraph">
                      <p>
                        <strong>{{ deletedName(entry.paragraph.baseNumber) }}</strong>
                        {{ excerpt(entry.paragraph.text) }}
                      </p>
                      <button
                        mat-stroked-button
                        type="button"
                        [attr.aria-label]="'merge.restoreAria' | transloco: { name: deletedName(entry.paragraph.baseNumber) }"
                        (click)="onRestore(entry.paragraph.uid)"
                      >
                        {{ 'merge.restore' | transloco }}
                      </button>
                    </li>
                  }
                </ul>
              </section>
            }

            <section class="publish" aria-labelledby="publish-title">
              <h2 id="publish-title">{{ 'publish.confirm' | transloco }}</h2>
              <p class="muted" data-testid="change-summary">{{ summary() }}</p>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'merge.versionLabel' | transloco }}</mat-label>
                <input dir="auto" matInput [value]="label()" (input)="onLabel($event)" maxlength="120" />
                <mat-hint>{{ 'merge.versionLabelHint' | transloco }}</mat-hint>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'merge.changelog' | transloco }}</mat-label>
                <textarea
                  dir="auto"
                  matInput
                  cdkTextareaAutosize
                  cdkAutosizeMinRows="4"
                  cdkAutosizeMaxRows="20"
                  [value]="changelog()"
                  (input)="onChangelog($event)"
                  maxlength="20000"
                ></textarea>
                <mat-hint>{{ 'merge.changelogHint' | transloco }}</mat-hint>
              </mat-form-field>
              @if (publishError(); as message) {
                <p class="form-alert" role="alert">{{ message }}</p>
              }
              <button mat-flat-button type="button" [attr.aria-disabled]="publishing() || null" (click)="publish()">
                {{ 'merge.publish' | transloco: { number: number() } }}
              </button>
            </section>
          }
        }
      }
    </div>
  `,
  styles: `
    h1 {
      margin: 1rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.375rem;
    }
    .intro,
    .muted {
      color: var(--dw-muted);
    }
    .status {
      display: inline-block;
      margin: 0 0 1rem;
      padding: 0.125rem 0.75rem;
      border: 1px solid var(--dw-border);
      border-radius: 999px;
      background: var(--dw-surface);
      font-size: 0.9375rem;
    }
    .conflict {
      margin: 0 0 1.5rem;
      padding: 0.75rem 1rem;
      border: 2px solid #7a5c00;
      border-inline-start-width: 6px;
      border-radius: 4px;
      background: #fff8e1;
    }
    .conflict h2 {
      font-size: 1.125rem;
    }
    .conflict-bar {
      position: fixed;
      inset-inline-end: 1rem;
      bottom: 1rem;
      z-index: 3;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      max-width: calc(100% - 2rem);
      padding: 0.5rem 0.75rem 0.5rem 1rem;
      border: 2px solid #7a5c00;
      border-radius: 8px;
      background: #fff8e1;
      box-shadow: 0 2px 8px rgb(0 0 0 / 25%);
    }
    .actions,
    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .picker mat-form-field {
      flex: 1 1 22rem;
    }
    .draft-section,
    .deleted,
    .publish {
      margin: 2rem 0 0;
    }
    .section-title {
      width: 100%;
      max-width: 40rem;
    }
    .paragraphs {
      display: grid;
      gap: 0.75rem;
      margin: 0.75rem 0 0;
      padding: 0;
      list-style: none;
    }
    .annex-footer {
      display: grid;
      gap: 0.75rem;
      margin-top: 1rem;
      justify-items: start;
    }
    .annex-footer > div {
      width: 100%;
    }
    .deleted ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .deleted li {
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--dw-border);
    }
    .deleted p {
      margin: 0 0 0.375rem;
    }
    .publish {
      display: grid;
      gap: 0.75rem;
      max-width: 48rem;
      justify-items: start;
    }
    .publish mat-form-field {
      width: 100%;
    }
  `,
})
export class MergePage {
  /** The `:slug` route parameter (router input binding). */
  readonly slug = input.required<string>();

  private readonly drafts = inject(DraftsService);
  private readonly i18n = inject(LanguageService);
  private readonly t: Translate = (key, params) => this.i18n.t(key, params);
  private readonly triage = inject(TriageService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });

  protected readonly phase = signal<Phase>('loading');
  protected readonly loadError = signal('');
  protected readonly number = signal(0);
  protected readonly baseNumber = signal(0);
  protected readonly state = signal<MergeState>({ sections: [], deleted: [] });
  protected readonly refs = signal<Record<string, ProvenanceRef>>({});
  protected readonly label = signal('');
  protected readonly changelog = signal('');
  /** The editor wrote the changelog: send it; until then the API's generated one is shown and kept fresh. */
  private readonly changelogEdited = signal(false);
  /** The lockVersion of the draft as last read or saved: sent as If-Match. */
  private lockVersion = 0;
  /** The last request sent, to name paragraphs in the API's problems. */
  private lastRequest: SaveDraftRequest | null = null;

  protected readonly conflict = signal<DraftConflict | null>(null);
  protected readonly differences = computed(() => {
    const current = this.conflict()?.current;
    return current ? conflictDifferences(this.state(), current, this.t) : [];
  });
  protected readonly publishing = signal(false);
  protected readonly publishError = signal<string | null>(null);
  protected readonly announcement = signal('');

  private readonly suggestions = signal<TriageItem[]>([]);
  protected readonly suggestionsError = signal<string | null>(null);
  /** Accepted and partially accepted suggestions by paragraph key, newest first. */
  private readonly suggestionsByKey = computed(() => {
    const byKey = new Map<string, TriageItem[]>();
    for (const item of this.suggestions()) {
      if (item.kind !== 'suggestion' || item.proposedText === null || !ANSWERED.has(item.disposition)) continue;
      for (const key of item.paragraphKeys) byKey.set(key, [...(byKey.get(key) ?? []), item]);
    }
    return byKey;
  });

  protected readonly caseStudyPanel = signal<CaseStudyPanel>({ status: 'closed' });
  protected readonly chosenCaseStudy = signal<string | null>(null);
  protected readonly caseStudyProblem = signal<string | null>(null);
  protected readonly caseStudyError = computed(() => {
    const panel = this.caseStudyPanel();
    return panel.status === 'error' ? panel.message : '';
  });
  protected readonly insertable = computed(() => {
    const panel = this.caseStudyPanel();
    if (panel.status !== 'open') return [];
    const inserted = insertedCaseStudies(this.state());
    return panel.cards.filter((card) => !inserted.has(card.id));
  });

  private readonly numbers = computed(() => new Map(placed(this.state()).map((p) => [p.paragraph.uid, p.number] as const)));
  private readonly changes = computed(() => changesOf(this.state()));
  protected readonly sectionChoices = computed(() => this.state().sections.map((s) => ({ key: s.key, title: s.title })));
  protected readonly summary = computed(() => `${summaryText(summarize(this.state()), this.t)}.`);

  private readonly saver = new Autosaver({
    save: () => this.save(),
    delay: inject(MERGE_AUTOSAVE_DELAY),
    isConflict: (error) => draftConflict(error) !== null,
    describeError: (error) => this.describeSaveError(error),
  });
  protected readonly statusText = computed(() => draftSaveText(this.saver.state(), this.t));

  constructor() {
    toObservable(computed(() => (this.isEditor() ? this.slug() : null)))
      .pipe(distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((slug) => {
        if (slug) {
          void this.load(slug);
          this.loadSuggestions(slug);
        }
      });
    // Leaving the page must not lose the last edits.
    inject(DestroyRef).onDestroy(() => this.saver.stop());
  }

  protected numberOf(uid: string): number {
    return this.numbers().get(uid) ?? 0;
  }

  protected changeOf(uid: string): DraftChange {
    return this.changes().get(uid) ?? 'kept';
  }

  protected movable(uid: string, direction: 'up' | 'down'): boolean {
    return direction === 'up' ? canMoveUp(this.state(), uid) : canMoveDown(this.state(), uid);
  }

  protected suggestionsFor(key: string | null): readonly TriageItem[] {
    return key ? (this.suggestionsByKey().get(key) ?? NO_SUGGESTIONS) : NO_SUGGESTIONS;
  }

  protected deletedName(baseNumber: number | null): string {
    return baseNumber === null ? this.i18n.t('merge.newParagraph') : this.i18n.t('merge.paragraphOf', { number: baseNumber, version: this.baseNumber() });
  }

  protected excerpt(text: string): string {
    return firstWords(text, 24);
  }

  // ----- Edits --------------------------------------------------------------------------------

  protected onText(uid: string, text: string): void {
    this.edit((state) => setText(state, uid, text));
  }

  protected onSectionTitle(sectionKey: string, event: Event): void {
    if (event.target instanceof HTMLInputElement) {
      const title = event.target.value;
      this.edit((state) => setSectionTitle(state, sectionKey, title));
    }
  }

  protected onApplySuggestion(uid: string, suggestion: TriageItem): void {
    if (suggestion.proposedText === null) return;
    const proposedText = suggestion.proposedText;
    this.refs.update((refs) => ({ ...refs, [suggestion.id]: refFromItem(suggestion) }));
    this.edit((state) => applySuggestion(state, uid, { id: suggestion.id, proposedText }));
    this.announce(this.i18n.t('merge.announce.applied', { author: suggestion.authorName, number: this.numberOf(uid) }));
  }

  protected onAddContribution(uid: string, item: TriageItem): void {
    this.refs.update((refs) => ({ ...refs, [item.id]: refFromItem(item) }));
    this.edit((state) => addProvenance(state, uid, item.id));
    this.announce(this.i18n.t('merge.announce.added', { number: this.numberOf(uid) }));
  }

  protected onRemoveProvenance(uid: string, id: string): void {
    this.edit((state) => removeProvenance(state, uid, id));
    this.announce(this.i18n.t('merge.announce.removed', { number: this.numberOf(uid) }));
  }

  protected onMove(uid: string, direction: 'up' | 'down'): void {
    this.edit((state) => (direction === 'up' ? moveUp(state, uid) : moveDown(state, uid)));
    this.announce(this.i18n.t(direction === 'up' ? 'merge.announce.movedUp' : 'merge.announce.movedDown', { number: this.numberOf(uid) }));
    // The paragraph's element moved in the page: keep focus on the button that was pressed.
    this.focus(`#${uid}-${direction}`);
  }

  protected onMoveTo(uid: string, sectionKey: unknown): void {
    if (typeof sectionKey !== 'string') return;
    this.edit((state) => moveToSection(state, uid, sectionKey));
    this.announce(this.i18n.t('merge.announce.moved', { number: this.numberOf(uid) }));
    this.focus(`#${uid}-title`);
  }

  protected onInsertAfter(uid: string): void {
    const result = insertAfter(this.state(), uid);
    this.edit(() => result.state);
    this.announce(this.i18n.t('merge.announce.inserted', { number: this.numberOf(result.uid) }));
    this.focus(`#${result.uid}-text`);
  }

  protected onDelete(uid: string): void {
    const all = placed(this.state());
    const index = all.findIndex((p) => p.paragraph.uid === uid);
    const number = all[index]?.number ?? 0;
    const next = all[index + 1]?.paragraph.uid ?? all[index - 1]?.paragraph.uid ?? null;
    this.edit((state) => deleteParagraph(state, uid));
    this.announce(this.i18n.t('merge.announce.deleted', { number }));
    this.focus(next ? `#${next}-title` : '#deleted-title');
  }

  protected onRestore(uid: string): void {
    this.edit((state) => restoreParagraph(state, uid));
    this.announce(this.i18n.t('merge.announce.restored', { number: this.numberOf(uid) }));
    this.focus(`#${uid}-title`);
  }

  protected onLabel(event: Event): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    this.label.set(event.target.value);
    this.saver.changed();
  }

  protected onChangelog(event: Event): void {
    if (!(event.target instanceof HTMLTextAreaElement)) return;
    this.changelog.set(event.target.value);
    this.changelogEdited.set(true);
    this.saver.changed();
  }

  // ----- Case studies -------------------------------------------------------------------------

  protected toggleCaseStudies(): void {
    if (this.caseStudyPanel().status !== 'closed') {
      this.closeCaseStudies();
      return;
    }
    this.caseStudyPanel.set({ status: 'loading' });
    this.chosenCaseStudy.set(null);
    this.caseStudyProblem.set(null);
    this.drafts.acceptedCaseStudies().subscribe({
      next: (cards) => this.caseStudyPanel.set({ status: 'open', cards }),
      error: (error: unknown) =>
        this.caseStudyPanel.set({ status: 'error', message: `${this.i18n.t('gallery.loadFailed')} ${toApiError(error).message}` }),
    });
  }

  protected closeCaseStudies(): void {
    this.caseStudyPanel.set({ status: 'closed' });
    this.caseStudyProblem.set(null);
  }

  protected chooseCaseStudy(value: unknown): void {
    this.chosenCaseStudy.set(typeof value === 'string' ? value : null);
    this.caseStudyProblem.set(null);
  }

  protected insertChosenCaseStudy(): void {
    const card = this.insertable().find((c) => c.id === this.chosenCaseStudy());
    if (!card) {
      this.caseStudyProblem.set(this.i18n.t('merge.chooseCaseStudy'));
      return;
    }
    const result = insertCaseStudy(this.state(), card);
    this.refs.update((refs) => ({
      ...refs,
      [card.id]: {
        id: card.id,
        kind: 'case_study',
        stakeholderGroup: card.stakeholderGroups[0] ?? '',
        authorName: attributionText(card.submittedBy),
        disposition: 'accepted',
        excerpt: card.title,
      },
    }));
    this.edit(() => result.state);
    this.closeCaseStudies();
    this.announce(this.i18n.t('merge.announce.caseStudyInserted', { title: card.title, number: this.numberOf(result.uid) }));
    this.focus(`#${result.uid}-text`);
  }

  // ----- Conflicts and publishing -------------------------------------------------------------

  protected reviewConflict(): void {
    const heading = this.host.nativeElement.querySelector<HTMLElement>('#conflict-title');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  /** Their version replaces mine. */
  protected loadTheirs(): void {
    const current = this.conflict()?.current ?? null;
    this.conflict.set(null);
    this.saver.reset();
    if (current) {
      this.applyView(current);
      this.announce(this.i18n.t('merge.announce.theirs'));
    } else {
      void this.load(this.slug());
    }
  }

  /** Mine replaces theirs: saved again against their lockVersion. */
  protected async keepMine(): Promise<void> {
    const current = this.conflict()?.current;
    if (!current) return;
    this.lockVersion = current.lockVersion;
    this.conflict.set(null);
    await this.saver.resume();
  }

  /** Saves what is pending, asks for confirmation with a summary of the changes, then publishes. */
  protected async publish(): Promise<void> {
    if (this.publishing()) return;
    this.publishError.set(null);
    this.publishing.set(true);
    const number = this.number();
    try {
      if (!(await this.saver.flush())) {
        if (!this.saver.inConflict) {
          this.publishError.set(this.i18n.t('merge.notPublishedBecause', { number, reason: this.statusText() }));
        }
        return;
      }
      const data: PublishDialogData = { number, label: this.label().trim(), summary: summaryText(summarize(this.state()), this.t) };
      const confirmed = await firstValueFrom(this.dialog.open(PublishDialog, { data }).afterClosed(), { defaultValue: false });
      if (confirmed !== true) return;
      const request: PublishRequest = {};
      const label = this.label().trim();
      const changelog = this.changelog().trim();
      if (label) request.label = label;
      if (changelog) request.changelog = changelog;
      await firstValueFrom(this.drafts.publish(this.slug(), this.lockVersion, request));
      this.saver.reset();
      await this.router.navigate(['/documents', this.slug()]);
    } catch (error: unknown) {
      const conflict = draftConflict(error);
      if (conflict) {
        this.conflict.set(conflict);
        this.saver.conflict();
        this.focus('#conflict-title');
      } else {
        this.publishError.set(`${this.i18n.t('merge.notPublished', { number })} ${toApiError(error).message}`);
      }
    } finally {
      this.publishing.set(false);
    }
  }

  // ----- Loading and saving -------------------------------------------------------------------

  private async load(slug: string): Promise<void> {
    this.phase.set('loading');
    try {
      const view = await firstValueFrom(this.drafts.get(slug));
      this.applyView(view);
      this.phase.set('ready');
    } catch (error: unknown) {
      this.loadError.set(`${this.i18n.t('merge.openFailed')} ${toApiError(error).message}`);
      this.phase.set('error');
    }
  }

  /** Every suggestion on the document (following the pages), to offer the accepted ones beside their paragraphs. */
  private loadSuggestions(slug: string): void {
    const filters = { ...NO_TRIAGE_FILTERS, kind: 'suggestion' as const };
    this.triage
      .queue(slug, filters, null, 200)
      .pipe(
        expand((page) => (page.nextCursor ? this.triage.queue(slug, filters, page.nextCursor, 200) : EMPTY)),
        reduce((items: TriageItem[], page) => [...items, ...page.items], []),
        catchError((error: unknown) => {
          this.suggestionsError.set(`${this.i18n.t('merge.suggestionsFailed')} ${toApiError(error).message}`);
          return EMPTY;
        }),
      )
      .subscribe((items) => this.suggestions.set(items));
  }

  private applyView(view: DraftView): void {
    this.number.set(view.number);
    this.baseNumber.set(view.baseNumber);
    this.lockVersion = view.lockVersion;
    this.state.set(stateFromDraft(view));
    this.refs.update((refs) => ({ ...refs, ...refsFromDraft(view) }));
    this.label.set(view.label);
    this.changelog.set(view.changelog || view.generatedChangelog);
    this.changelogEdited.set(view.changelog !== '');
  }

  private edit(change: (state: MergeState) => MergeState): void {
    const before = this.state();
    const after = change(before);
    if (after === before) return;
    this.state.set(after);
    this.saver.changed();
  }

  /** One autosave: the whole draft, If-Match the lockVersion held. */
  private async save(): Promise<void> {
    const state = this.state();
    const blank = blankParagraphs(state);
    if (blank.length > 0) {
      throw new DraftProblem(
        blank.length === 1
          ? this.i18n.t('merge.problem.blankOne', { number: blank[0] })
          : this.i18n.t('merge.problem.blankMany', { numbers: this.i18n.list(blank.map(String)) }),
      );
    }
    const request = toSaveRequest(state, this.label(), this.changelogEdited() ? this.changelog() : null);
    const sentUids = placed(state).map((p) => p.paragraph.uid);
    this.lastRequest = request;
    try {
      const saved = await firstValueFrom(this.drafts.save(this.slug(), this.lockVersion, request));
      this.lockVersion = saved.lockVersion;
      this.state.update((current) => adoptKeys(current, sentUids, saved));
      this.refs.update((refs) => ({ ...refsFromDraft(saved), ...refs }));
      if (!this.changelogEdited()) this.changelog.set(saved.changelog || saved.generatedChangelog);
    } catch (error: unknown) {
      const conflict = draftConflict(error);
      // No focus move here: the editor may be typing. The status says it, and a bar offers to review it.
      if (conflict) this.conflict.set(conflict);
      throw error;
    }
  }

  private describeSaveError(error: unknown): string {
    if (error instanceof HttpErrorResponse) {
      if (error.status === 401) return this.i18n.t('merge.problem.signedOut');
      if (isApiError(error.error) && error.error.details?.length && this.lastRequest) {
        return describeDraftProblems(this.lastRequest, error.error.details, this.t);
      }
      return toApiError(error).message;
    }
    return error instanceof DraftProblem ? error.message : toApiError(error).message;
  }

  private announce(message: string): void {
    this.announcement.set(message);
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}

const NO_SUGGESTIONS: readonly TriageItem[] = [];
