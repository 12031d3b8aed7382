import { TranslocoDecimalPipe } from '@jsverse/transloco-locale';
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
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatSelect } from '@angular/material/select';
import { Observable, catchError, concatMap, distinctUntilChanged, firstValueFrom, from, map, of, switchMap } from 'rxjs';
import {
  ATTRIBUTIONS,
  CASE_STUDY_DOMAINS,
  CASE_STUDY_LIMITS,
  STAKEHOLDER_GROUPS,
  submissionProblems,
} from '@doorway/contracts';
import type { Attribution, CaseStudyStatus, DocumentVersionView, FieldError } from '@doorway/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { contentLanguages } from '../../core/i18n/content-languages';
import { LanguageService } from '../../core/i18n/language.service';
import type { Translate } from '../../core/i18n/languages';
import { AuthService } from '../../core/auth/auth.service';
import { isApiError, toApiError } from '../../core/http/api-error';
import { CaseStudiesService } from '../../services/case-studies.service';
import { DocumentsService, FEATURED_DOCUMENT_SLUG } from '../../services/documents.service';
import { attributionText, isEditable } from '../../shared/case-studies/case-study-text';
import { paragraphChoices } from '../../shared/case-studies/paragraph-choices';
import type { ParagraphChoice } from '../../shared/case-studies/paragraph-choices';
import { matchRegions, regionOptionText, regionOptions, resolveRegion } from '../../shared/regions';
import { AUTOSAVE_DELAY_MS, Autosaver, autosaveText } from '../../core/autosave/autosaver';
import {
  STORY_PARTS,
  createCaseStudyForm,
  fieldElementId,
  fillForm,
  formFields,
  linkControl,
  saveRequest,
  sentLinkRows,
  shownProblems,
  valueAt,
} from './case-study-form-model';
import type { CaseStudyFormValue, FieldKey, ShownProblem, StoryPart } from './case-study-form-model';

/** How long typing must pause before an autosave (a token so specs can shorten it). */
export const AUTOSAVE_DELAY = new InjectionToken<number>('AUTOSAVE_DELAY', { factory: () => AUTOSAVE_DELAY_MS });

type Phase = 'loading' | 'ready' | 'not-found' | 'error';

const L = CASE_STUDY_LIMITS;

/** Translation keys of each story part's label and hint. */
const PARTS: Record<StoryPart, { label: string; hint: string }> = {
  closedDoor: { label: 'story.closedDoor', hint: 'caseStudyForm.hint.closedDoor' },
  whatOpened: { label: 'story.whatOpened', hint: 'caseStudyForm.hint.whatOpened' },
  outcome: { label: 'story.outcome', hint: 'caseStudyForm.hint.outcome' },
  lessons: { label: 'story.lessons', hint: 'caseStudyForm.hint.lessons' },
};

const ATTRIBUTION_LABELS: Record<Attribution, string> = {
  named: 'caseStudyForm.credit.named',
  organisation: 'caseStudyForm.credit.organisation',
  anonymous: 'attribution.anonymous',
};

/** Share a case study, or edit one's own: saved as a draft while typing, then submitted for review. */
@Component({
  selector: 'app-case-study-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDecimalPipe, ReactiveFormsModule, RouterLink, CdkTextareaAutosize, MatAutocomplete, MatAutocompleteTrigger, MatButton, MatCheckbox, MatError, MatFormField, MatHint, MatIcon, MatInput, MatLabel, MatOption, MatProgressBar, MatRadioButton, MatRadioGroup, MatSelect],
  template: `
    <div class="page form-wide">
      @switch (phase()) {
        @case ('loading') {
          <h1>{{ (id() ? 'title.caseStudyEdit' : 'title.caseStudyNew') | transloco }}</h1>
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'caseStudyForm.loading' | transloco" />
        }
        @case ('not-found') {
          <h1>{{ 'caseStudy.notFound' | transloco }}</h1>
          <p role="alert">{{ 'caseStudyForm.notFoundText' | transloco }}</p>
          <p><a routerLink="/me">{{ 'caseStudyForm.seeMine' | transloco }}</a></p>
        }
        @case ('error') {
          <h1>{{ 'caseStudyForm.loadFailed' | transloco }}</h1>
          <p class="form-alert" role="alert">{{ loadError() }}</p>
        }
        @case ('ready') {
          <h1>{{ (startedNew() ? 'title.caseStudyNew' : 'title.caseStudyEdit') | transloco }}</h1>
          <p class="intro">
            {{ 'caseStudyForm.intro' | transloco }}
          </p>
          <p class="autosave" data-testid="autosave-status" aria-live="polite">{{ autosaveStatus() }}</p>

          @if (readOnly()) {
            <p class="notice" role="status">
              {{ 'caseStudyForm.readOnly' | transloco: { status: statusLabel().toLowerCase() } }}
              <a [routerLink]="['/case-studies', caseStudyId()]">{{ 'caseStudyForm.seeIt' | transloco }}</a>
            </p>
          } @else if (reviewMessage(); as message) {
            <section class="review-message" aria-labelledby="editors-message">
              <h2 id="editors-message">{{ 'caseStudy.editorsMessage' | transloco }}</h2>
              <p>{{ message }}</p>
            </section>
          }

          @if (problems().length > 0 || formError()) {
            <div class="error-summary" role="alert" tabindex="-1" #summary aria-labelledby="summary-title">
              <h2 id="summary-title">{{ (problems().length > 0 ? 'caseStudyForm.checkThese' : 'caseStudyForm.notSubmitted') | transloco }}</h2>
              @if (formError(); as message) {
                <p>{{ message }}</p>
              }
              @if (problems().length > 0) {
                <ul>
                  @for (problem of problems(); track $index) {
                    <li>
                      <a [href]="problemHref(problem.key)" (click)="jumpTo($event, problem.key)">{{ problem.message }}</a>
                    </li>
                  }
                </ul>
              }
            </div>
          }

          <form [formGroup]="form" (ngSubmit)="submit()" (focusin)="onFocusIn($event)" novalidate>
            <h2>{{ 'caseStudyForm.about' | transloco }}</h2>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'caseStudyForm.title' | transloco }}</mat-label>
              <input dir="auto" matInput id="cs-title" formControlName="title" [maxlength]="limits.title.max" />
              <mat-hint>{{ 'caseStudyForm.titleHint' | transloco }}</mat-hint>
              @if (problemFor('title'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </mat-form-field>

            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'caseStudyForm.language' | transloco }}</mat-label>
              <mat-select formControlName="language" data-testid="case-study-language">
                @for (choice of contentLanguages; track choice.code) {
                  <mat-option [value]="choice.code"><span [attr.lang]="choice.code">{{ choice.name }}</span></mat-option>
                }
              </mat-select>
              <mat-hint>{{ 'caseStudyForm.languageHint' | transloco }}</mat-hint>
            </mat-form-field>

            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'gallery.facet.region' | transloco }}</mat-label>
              <input
                dir="auto"
                matInput
                id="cs-region"
                formControlName="region"
                autocomplete="off"
                [matAutocomplete]="regionPanel"
              />
              <mat-autocomplete #regionPanel="matAutocomplete" [displayWith]="displayRegion">
                @for (option of regionMatches(); track option.code) {
                  <mat-option [value]="option.code">{{ regionOptionText(option, t) }}</mat-option>
                }
              </mat-autocomplete>
              <mat-hint>{{ regionHint() }}</mat-hint>
              @if (problemFor('region'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </mat-form-field>

            <div class="years">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'caseStudyForm.firstYear' | transloco }}</mat-label>
                <input
                  matInput
                  id="cs-year-from"
                  type="number"
                  inputmode="numeric"
                  formControlName="yearFrom"
                  [attr.min]="limits.years.min"
                  [attr.max]="thisYear"
                />
                <mat-hint>{{ 'caseStudyForm.yearRange' | transloco: { min: limits.years.min, max: thisYear } }}</mat-hint>
                @if (problemFor('yearFrom'); as problem) {
                  <mat-error>{{ problem }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'caseStudyForm.lastYear' | transloco }}</mat-label>
                <input
                  matInput
                  id="cs-year-to"
                  type="number"
                  inputmode="numeric"
                  formControlName="yearTo"
                  [attr.min]="limits.years.min"
                  [attr.max]="thisYear"
                />
                <mat-hint>{{ 'caseStudyForm.lastYearHint' | transloco }}</mat-hint>
                @if (problemFor('yearTo'); as problem) {
                  <mat-error>{{ problem }}</mat-error>
                }
              </mat-form-field>
            </div>

            <fieldset id="cs-domains" formGroupName="domains" aria-describedby="domains-hint" [class.invalid]="problemFor('domains')">
              <legend>{{ 'caseStudyForm.domains' | transloco }}</legend>
              <p class="hint" id="domains-hint">{{ 'caseStudyForm.domainsHint' | transloco }}</p>
              <div class="choices">
                @for (domain of domains; track domain) {
                  <mat-checkbox [formControlName]="domain">{{ 'domain.' + domain | transloco }}</mat-checkbox>
                }
              </div>
              @if (problemFor('domains'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </fieldset>

            <fieldset
              id="cs-groups"
              role="group"
              [attr.aria-label]="'groupTags.label' | transloco"
              aria-describedby="groups-hint"
              formGroupName="stakeholderGroups"
              [class.invalid]="problemFor('stakeholderGroups')"
            >
              <legend>{{ 'groupTags.label' | transloco }}</legend>
              <p class="hint" id="groups-hint">{{ 'caseStudyForm.groupsHint' | transloco }}</p>
              <div class="choices">
                @for (group of groups; track group) {
                  <mat-checkbox [formControlName]="group">{{ 'group.' + group | transloco }}</mat-checkbox>
                }
              </div>
              @if (problemFor('stakeholderGroups'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </fieldset>

            <h2>{{ 'caseStudyForm.story' | transloco }}</h2>
            @for (part of parts; track part) {
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ partText[part].label | transloco }}</mat-label>
                <textarea
                  dir="auto"
                  matInput
                  [id]="'cs-' + part"
                  [formControlName]="part"
                  cdkTextareaAutosize
                  cdkAutosizeMinRows="4"
                  cdkAutosizeMaxRows="16"
                  [maxlength]="limits.part.max"
                ></textarea>
                <mat-hint>{{ partText[part].hint | transloco }} {{ 'caseStudyForm.atLeast' | transloco: { min: limits.part.min } }}</mat-hint>
                <mat-hint align="end">{{ value()[part].length | translocoDecimal }} / {{ limits.part.max | translocoDecimal }}</mat-hint>
                @if (problemFor(part); as problem) {
                  <mat-error>{{ problem }}</mat-error>
                }
              </mat-form-field>
            }

            <section id="cs-links" class="links" aria-labelledby="links-title" tabindex="-1">
              <h2 id="links-title">{{ 'caseStudy.links' | transloco }}</h2>
              <p class="hint">{{ 'caseStudyForm.linksHint' | transloco: { max: limits.links.max } }}</p>
              @if (links.length > 0) {
                <ol>
                  @for (control of links.controls; track control; let row = $index) {
                    <li>
                      <mat-form-field appearance="outline" subscriptSizing="dynamic">
                        <mat-label>{{ 'caseStudyForm.linkUrl' | transloco: { number: row + 1 } }}</mat-label>
                        <input matInput type="url" inputmode="url" [id]="'cs-link-' + row" [formControl]="control" placeholder="https://" />
                        @if (problemFor('link:' + row); as problem) {
                          <mat-error>{{ problem }}</mat-error>
                        }
                      </mat-form-field>
                      @if (!readOnly()) {
                        <button mat-stroked-button type="button" (click)="removeLink(row)">{{ 'caseStudyForm.removeLink' | transloco: { number: row + 1 } }}</button>
                      }
                    </li>
                  }
                </ol>
              }
              @if (problemFor('links'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
              @if (!readOnly()) {
                @if (links.length < limits.links.max) {
                  <button mat-stroked-button type="button" id="cs-add-link" (click)="addLink()">
                    <mat-icon aria-hidden="true" svgIcon="add" />
                    {{ 'caseStudyForm.addLink' | transloco }}
                  </button>
                } @else {
                  <p class="hint">{{ 'caseStudyForm.maxLinks' | transloco }}</p>
                }
              }
            </section>

            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="paragraphs">
              <mat-label>{{ 'caseStudy.related' | transloco }}</mat-label>
              <mat-select id="cs-paragraphs" formControlName="paragraphKeys" multiple>
                @for (paragraph of paragraphs(); track paragraph.key) {
                  <mat-option [value]="paragraph.key">{{ paragraph.label }}</mat-option>
                }
              </mat-select>
              <mat-hint>{{ 'caseStudyForm.relatedHint' | transloco }}</mat-hint>
              @if (problemFor('paragraphKeys'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </mat-form-field>

            <h2>{{ 'caseStudyForm.creditHeading' | transloco }}</h2>
            <fieldset id="cs-attribution">
              <legend id="attribution-legend">{{ 'caseStudyForm.creditQuestion' | transloco }}</legend>
              <mat-radio-group formControlName="attribution" aria-labelledby="attribution-legend" class="choices">
                @for (kind of attributions; track kind) {
                  <mat-radio-button [value]="kind">{{ attributionLabels[kind] | transloco }}</mat-radio-button>
                }
              </mat-radio-group>
              @if (creditPreview(); as credit) {
                <p class="hint">{{ 'caseStudyForm.shownAs' | transloco: { credit: credit } }}</p>
              }
            </fieldset>

            <div class="consent">
              <mat-checkbox id="cs-consent" formControlName="consentToPublish">{{ 'caseStudyForm.consent' | transloco }}</mat-checkbox>
              <p class="hint">{{ 'caseStudyForm.consentHint' | transloco }}</p>
              @if (problemFor('consentToPublish'); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </div>

            @if (!readOnly()) {
              <div class="actions">
                <button mat-flat-button type="submit" [attr.aria-disabled]="submitting() || null">{{ 'caseStudyForm.submit' | transloco }}</button>
                @if (caseStudyId(); as id) {
                  <a [routerLink]="['/case-studies', id]">{{ 'caseStudyForm.preview' | transloco }}</a>
                }
              </div>
            }
          </form>
        }
      }
    </div>
  `,
  styles: `
    .form-wide {
      max-width: 46rem;
    }
    h1 {
      margin: 1rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    h2 {
      margin: 2rem 0 0.75rem;
      font-size: 1.25rem;
    }
    .intro,
    .hint {
      color: var(--dw-muted);
    }
    .hint {
      margin: 0 0 0.5rem;
      font-size: 0.9375rem;
    }
    .autosave {
      display: inline-block;
      margin: 0 0 1rem;
      padding: 0.125rem 0.75rem;
      border: 1px solid var(--dw-border);
      border-radius: 999px;
      font-size: 0.9375rem;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    mat-form-field {
      width: 100%;
    }
    .years {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
    }
    .years mat-form-field {
      flex: 1 1 12rem;
    }
    fieldset {
      margin: 0.5rem 0;
      padding: 0.75rem 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 4px;
    }
    fieldset.invalid {
      border: 2px solid var(--dw-danger);
    }
    legend {
      padding: 0 0.25rem;
      font-weight: 600;
    }
    .choices {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
    }
    .links ol {
      margin: 0 0 0.5rem;
      padding: 0;
      list-style: none;
    }
    .links li {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0 0.75rem;
    }
    .links li mat-form-field {
      flex: 1 1 20rem;
    }
    .links li button {
      margin-top: 0.5rem;
    }
    .links:focus {
      outline: none;
    }
    .paragraphs {
      margin-top: 1.5rem;
    }
    .consent {
      margin: 0.5rem 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 1rem;
      margin-top: 1rem;
    }
    .notice,
    .review-message {
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border-inline-start: 6px solid #7a5c00;
      background: #fff8e1;
    }
    .review-message h2 {
      margin: 0 0 0.25rem;
      font-size: 1.0625rem;
    }
    .review-message p {
      margin: 0;
      white-space: pre-line;
    }
    .error-summary {
      margin: 0 0 1.5rem;
      padding: 0.75rem 1rem;
      border: 2px solid var(--dw-danger);
      border-inline-start-width: 6px;
      border-radius: 4px;
      background: #fff4f3;
    }
    .error-summary h2 {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
      color: #8c1d18;
    }
    .error-summary ul {
      margin: 0;
      padding-inline-start: 1.25rem;
      line-height: 1.8;
    }
    .error-summary a {
      color: #8c1d18;
      font-weight: 600;
    }
  `,
})
export class CaseStudyFormPage {
  /** The `:id` route parameter; absent on /case-studies/new. */
  readonly id = input<string>();
  /** `?document=`: the document a new case study belongs to. */
  readonly document = input<string>();

  private readonly caseStudies = inject(CaseStudiesService);
  private readonly i18n = inject(LanguageService);
  protected readonly t: Translate = (key, params) => this.i18n.t(key, params);
  private readonly documents = inject(DocumentsService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly regionTrigger = viewChild(MatAutocompleteTrigger);

  protected readonly limits = L;
  protected readonly domains = CASE_STUDY_DOMAINS;
  protected readonly groups = STAKEHOLDER_GROUPS;
  protected readonly parts = STORY_PARTS;
  protected readonly partText = PARTS;
  protected readonly attributions = ATTRIBUTIONS;
  protected readonly attributionLabels = ATTRIBUTION_LABELS;
  protected readonly thisYear = new Date().getUTCFullYear();
  protected readonly regionOptionText = regionOptionText;

  protected readonly form = createCaseStudyForm(this.i18n.language());
  protected readonly contentLanguages = contentLanguages();
  protected readonly links = this.form.controls.links;
  /** The form's value as a signal, for counters, hints and the credit preview. */
  protected readonly value = signal<CaseStudyFormValue>(this.form.getRawValue());

  protected readonly phase = signal<Phase>('loading');
  protected readonly loadError = signal<string | null>(null);
  /** The case study being edited; null until the first save creates it. */
  protected readonly caseStudyId = signal<string | null>(null);
  protected readonly status = signal<CaseStudyStatus | null>(null);
  protected readonly reviewMessage = signal<string | null>(null);
  /** Came in through /case-studies/new (the heading stays "Share a case study" after the draft exists). */
  protected readonly startedNew = signal(true);
  protected readonly readOnly = computed(() => {
    const status = this.status();
    return status !== null && !isEditable(status);
  });
  protected readonly statusLabel = computed(() => {
    const status = this.status();
    return status ? this.i18n.t(`status.${status}`) : '';
  });

  private readonly documentSlug = signal(FEATURED_DOCUMENT_SLUG);
  protected readonly paragraphs = signal<ParagraphChoice[]>([]);

  protected readonly problems = signal<ShownProblem[]>([]);
  /** The value when the problems were found: a problem goes away once its field changes. */
  private problemsAgainst: CaseStudyFormValue | null = null;
  protected readonly formError = signal<string | null>(null);
  protected readonly submitting = signal(false);
  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');
  /** Set once the page is gone: a last save may still finish, but must not navigate. */
  private destroyed = false;

  private readonly autosaver = new Autosaver({
    save: () => this.save(),
    delay: inject(AUTOSAVE_DELAY),
    describeError: (error) => this.describeSaveError(error),
  });
  protected readonly autosaveStatus = computed(() => autosaveText(this.autosaver.state(), this.t));

  protected readonly regionMatches = computed(() => matchRegions(this.value().region, undefined, this.i18n.language()));
  protected readonly regionHint = computed(() => {
    const typed = this.value().region.trim();
    if (typed === '') return this.i18n.t('caseStudyForm.regionHint');
    const code = resolveRegion(typed, this.i18n.language());
    if (!code) return this.i18n.t('caseStudyForm.regionUnknown');
    const option = regionOptions(this.i18n.language()).find((o) => o.code === code);
    return option ? regionOptionText(option, this.t) : code;
  });
  protected readonly displayRegion = (value: string | null): string => {
    if (!value) return '';
    return regionOptions(this.i18n.language()).find((option) => option.code === value)?.name ?? value;
  };

  /** How the case study will be credited, with the account's own name and organisation. */
  protected readonly creditPreview = computed(() => {
    const user = this.auth.user();
    const kind = this.value().attribution;
    if (!user) return '';
    return attributionText({ kind, name: user.displayName, organisation: user.organisation }, this.i18n.t('attribution.anonymous'));
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.onChange());

    toObservable(this.id)
      .pipe(
        map((id) => id ?? null),
        distinctUntilChanged(),
        concatMap((id) => from(this.open(id))),
        takeUntilDestroyed(),
      )
      .subscribe();

    toObservable(this.document)
      .pipe(
        map((slug) => slug?.trim() || FEATURED_DOCUMENT_SLUG),
        distinctUntilChanged(),
        switchMap((slug) => {
          this.documentSlug.set(slug);
          return this.loadDocument(slug);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((doc) => {
        if (!doc) return;
        this.documentSlug.set(doc.document.slug);
        this.paragraphs.set(paragraphChoices(doc));
      });

    // Leaving the page must not lose the last keystrokes.
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.autosaver.stop();
    });
  }

  protected problemFor(key: FieldKey): string | null {
    const messages = this.problems()
      .filter((problem) => problem.key === key)
      .map((problem) => problem.message);
    return messages.length > 0 ? messages.join('. ') : null;
  }

  protected problemHref(key: FieldKey): string {
    return `${this.router.url.split('#')[0]}#${fieldElementId(key)}`;
  }

  /** From the summary to the field: focus it (a fieldset: its first control). */
  protected jumpTo(event: Event, key: FieldKey): void {
    event.preventDefault();
    const target = this.host.nativeElement.querySelector<HTMLElement>(`#${fieldElementId(key)}`);
    if (!target) return;
    const focusable = target.matches('input, textarea, mat-select, button')
      ? target
      : target.querySelector<HTMLElement>('input, textarea, mat-select, button');
    target.scrollIntoView({ block: 'center' });
    (focusable ?? target).focus({ preventScroll: true });
  }

  /** Another field took focus: close the region suggestions so they do not cover it. */
  protected onFocusIn(event: FocusEvent): void {
    const target = event.target;
    if (target instanceof HTMLElement && target.id !== 'cs-region') this.regionTrigger()?.closePanel();
  }

  protected addLink(): void {
    if (this.links.length >= L.links.max || this.readOnly()) return;
    this.links.push(linkControl());
    const row = this.links.length - 1;
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#cs-link-${row}`)?.focus(), {
      injector: this.injector,
    });
  }

  protected removeLink(row: number): void {
    if (this.readOnly()) return;
    this.links.removeAt(row);
    this.problems.update((problems) => problems.filter((p) => !p.key.startsWith('link:')));
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#cs-add-link')?.focus(), {
      injector: this.injector,
    });
  }

  protected async submit(): Promise<void> {
    if (this.submitting() || this.readOnly() || this.phase() !== 'ready') return;
    this.submitting.set(true);
    this.formError.set(null);
    try {
      const saved = await this.autosaver.flush();
      const value = this.form.getRawValue();
      const { fields, linkRows } = formFields(value);
      const problems = submissionProblems(fields);
      if (problems.length > 0) {
        this.showProblems(problems, linkRows, true);
        return;
      }
      const id = this.caseStudyId();
      if (!saved || !id) {
        const state = this.autosaver.state();
        this.formError.set(
          this.i18n.t(state.kind === 'error' ? 'caseStudyForm.notSavedBecause' : 'caseStudyForm.notSaved', {
            reason: state.kind === 'error' ? state.message : '',
          }),
        );
        this.focusSummary();
        return;
      }
      const view = await firstValueFrom(this.caseStudies.submit(id));
      this.status.set(view.status);
      await this.router.navigate(['/case-studies', view.id]);
    } catch (error: unknown) {
      const details = this.details(error);
      if (details.length > 0) {
        this.showProblems(details, sentLinkRows(this.form.getRawValue()), true);
      } else {
        this.formError.set(toApiError(error).message);
        this.focusSummary();
      }
    } finally {
      this.submitting.set(false);
    }
  }

  private onChange(): void {
    const value = this.form.getRawValue();
    this.value.set(value);
    // A problem goes away as soon as its field is changed.
    const before = this.problemsAgainst;
    if (before && this.problems().length > 0) {
      this.problems.update((problems) =>
        problems.filter((p) => p.key === 'form' || JSON.stringify(valueAt(before, p.key)) === JSON.stringify(valueAt(value, p.key))),
      );
    }
    if (this.phase() === 'ready' && !this.readOnly()) this.autosaver.changed();
  }

  /** Shows problems under their fields and, for a submission, in the summary that takes focus. */
  private showProblems(problems: readonly FieldError[], linkRows: readonly number[], focus: boolean): void {
    const shown = shownProblems(problems, linkRows, this.t);
    this.problems.set(shown);
    this.problemsAgainst = this.form.getRawValue();
    for (const problem of shown) {
      const control = this.controlFor(problem.key);
      if (control) {
        control.setErrors({ problem: problem.message });
        control.markAsTouched();
      }
    }
    if (focus) this.focusSummary();
  }

  private controlFor(key: FieldKey) {
    const link = /^link:(\d+)$/.exec(key);
    if (link) return this.links.at(Number(link[1])) ?? null;
    switch (key) {
      case 'title':
      case 'region':
      case 'yearFrom':
      case 'yearTo':
      case 'closedDoor':
      case 'whatOpened':
      case 'outcome':
      case 'lessons':
      case 'paragraphKeys':
        return this.form.get(key);
      default:
        return null;
    }
  }

  private focusSummary(): void {
    afterNextRender(() => this.summary()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Opens a case study (or a blank form for a new one), after saving what is pending on the previous one. */
  private async open(id: string | null): Promise<void> {
    // This page created the draft and moved to its /edit address: nothing to load.
    if (id !== null && id === this.caseStudyId()) return;
    if (this.autosaver.pending) await this.autosaver.flush();
    this.autosaver.reset();
    this.problems.set([]);
    this.formError.set(null);
    this.loadError.set(null);
    this.form.enable({ emitEvent: false });
    this.links.clear({ emitEvent: false });
    this.form.reset(undefined, { emitEvent: false });
    this.value.set(this.form.getRawValue());
    this.caseStudyId.set(id);
    this.status.set(null);
    this.reviewMessage.set(null);
    this.startedNew.set(id === null);
    if (id === null) {
      this.phase.set('ready');
      return;
    }
    this.phase.set('loading');
    try {
      const view = await firstValueFrom(this.caseStudies.get(id));
      if (this.caseStudyId() !== id) return;
      fillForm(this.form, view);
      this.value.set(this.form.getRawValue());
      this.status.set(view.status);
      this.reviewMessage.set(view.reviewMessage);
      if (!isEditable(view.status)) this.form.disable({ emitEvent: false });
      this.phase.set('ready');
    } catch (error: unknown) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.phase.set('not-found');
      } else {
        this.loadError.set(toApiError(error).message);
        this.phase.set('error');
      }
    }
  }

  /** One autosave: creates the draft the first time, then saves changes to it. */
  private async save(): Promise<void> {
    const value = this.form.getRawValue();
    const request = saveRequest(value);
    const id = this.caseStudyId();
    try {
      if (id) {
        const view = await firstValueFrom(this.caseStudies.update(id, request));
        this.status.set(view.status);
        return;
      }
      const view = await firstValueFrom(this.caseStudies.create(this.documentSlug(), request));
      this.caseStudyId.set(view.id);
      this.status.set(view.status);
      // A reload now keeps editing this draft instead of starting another. Same route, so the form
      // stays as it is; and the page must not jump to the top while someone is typing.
      if (this.destroyed) return;
      void this.router.navigate(['/case-studies', view.id, 'edit'], {
        replaceUrl: true,
        queryParamsHandling: 'preserve',
        scroll: 'manual',
      });
    } catch (error: unknown) {
      const details = this.details(error);
      if (details.length > 0) this.showProblems(details, sentLinkRows(value), false);
      throw error;
    }
  }

  private describeSaveError(error: unknown): string {
    const apiError = toApiError(error);
    if (apiError.statusCode === 401) return this.i18n.t('caseStudyForm.signedOut');
    const details = this.details(error);
    if (details.length > 0) {
      return shownProblems(details, sentLinkRows(this.form.getRawValue()), this.t)
        .map((problem) => problem.message)
        .join('; ');
    }
    return apiError.message;
  }

  private details(error: unknown): FieldError[] {
    return error instanceof HttpErrorResponse && isApiError(error.error) ? (error.error.details ?? []) : [];
  }

  /** The document's paragraphs; if that document is gone, the first one there is. */
  private loadDocument(slug: string): Observable<DocumentVersionView | null> {
    return this.documents.get(slug).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 404) return of(null);
        return this.documents.list().pipe(
          switchMap((list) => (list[0] ? this.documents.get(list[0].slug) : of(null))),
          catchError(() => of(null)),
        );
      }),
    );
  }
}
