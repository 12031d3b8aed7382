import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { isStakeholderGroup } from '@doorway/contracts';
import type { DraftChange, ProvenanceRef, TriageItem } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { NO_TRIAGE_FILTERS, TriageService } from '../../services/triage.service';
import { firstWords } from '../../shared/case-studies/paragraph-choices';
import type { MergeParagraph } from './merge-model';
import { TextDiff } from './text-diff';

/** How a provenance chip names who shaped the paragraph. */
export interface ProvenanceChip {
  id: string;
  text: string;
  /** "Remove suggested edit by Amina Civil from paragraph 14" */
  removeLabel: string;
}

/** A contribution as a triage item, seen as a provenance reference. */
export function refFromItem(item: TriageItem): ProvenanceRef {
  return {
    id: item.id,
    kind: item.kind,
    stakeholderGroup: item.stakeholderGroup,
    authorName: item.authorName,
    disposition: item.disposition,
    excerpt: item.excerpt,
  };
}

type PickerState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'open'; items: TriageItem[] }
  | { status: 'error'; message: string };

/** One paragraph of the draft in the merge view: its text, what shaped it, and where it stands. */
@Component({
  selector: 'app-merge-paragraph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, 
    CdkTextareaAutosize,
    MatButton,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    TextDiff,
  ],
  template: `
    <section class="paragraph" [attr.data-testid]="'merge-paragraph-' + number()" [attr.aria-labelledby]="uid() + '-title'">
      <div class="head">
        <h3 [id]="uid() + '-title'" tabindex="-1">¶ {{ number() }}</h3>
        <span class="change change--{{ change() }}" data-testid="change-chip">{{ changeLabel() }}</span>
        @if (wasText(); as was) {
          <span class="was">{{ was }}</span>
        }
      </div>

      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="text">
        <mat-label>{{ 'merge.textOf' | transloco: { number: number() } }}</mat-label>
        <textarea
          dir="auto"
          matInput
          [id]="uid() + '-text'"
          cdkTextareaAutosize
          cdkAutosizeMinRows="3"
          [value]="paragraph().text"
          (input)="onText($event)"
        ></textarea>
      </mat-form-field>

      @if (showBaseDiff()) {
        <div class="base-diff">
          <p class="small-title">{{ 'merge.changesFrom' | transloco: { version: baseVersion() } }}</p>
          <app-text-diff [before]="paragraph().baseText ?? ''" [after]="paragraph().text" testId="base-diff" />
        </div>
      }

      <div class="provenance">
        <h4>{{ 'merge.provenance' | transloco }}</h4>
        @if (chips().length === 0) {
          <p class="muted">{{ 'merge.noneCited' | transloco }}</p>
        } @else {
          <ul class="chips" data-testid="provenance">
            @for (chip of chips(); track chip.id) {
              <li class="chip">
                <span>{{ chip.text }}</span>
                <button mat-icon-button type="button" [attr.aria-label]="chip.removeLabel" (click)="removeProvenance.emit(chip.id)">
                  <mat-icon aria-hidden="true" svgIcon="close" />
                </button>
              </li>
            }
          </ul>
        }

        @switch (picker().status) {
          @case ('closed') {
            <button
              mat-stroked-button
              type="button"
              [id]="uid() + '-add'"
              [attr.aria-label]="'merge.addToAria' | transloco: { number: number() }"
              (click)="openPicker()"
            >
              <mat-icon aria-hidden="true" svgIcon="add" />
              {{ 'merge.addContribution' | transloco }}
            </button>
          }
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'merge.loadingOn' | transloco: { number: number() }" />
          }
          @case ('error') {
            <p class="form-alert" role="alert">{{ pickerError() }}</p>
            <button mat-button type="button" [id]="uid() + '-pick-close'" (click)="closePicker()">{{ 'common.close' | transloco }}</button>
          }
          @case ('open') {
            @if (pickable().length === 0) {
              <p class="muted">{{ 'merge.noOther' | transloco }}</p>
              <button mat-button type="button" [id]="uid() + '-pick-close'" (click)="closePicker()">{{ 'common.close' | transloco }}</button>
            } @else {
              <div class="picker">
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>{{ 'merge.toCite' | transloco: { number: number() } }}</mat-label>
                  <mat-select [id]="uid() + '-pick'" [value]="picked()" (selectionChange)="pick($event.value)">
                    @for (item of pickable(); track item.id) {
                      <mat-option [value]="item.id">{{ itemLabel(item) }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                <button mat-flat-button type="button" [attr.aria-label]="'merge.addPickedAria' | transloco: { number: number() }" (click)="addPicked()">
                  {{ 'merge.add' | transloco }}
                </button>
                <button mat-button type="button" (click)="closePicker()">{{ 'common.cancel' | transloco }}</button>
              </div>
            }
          }
        }
      </div>

      @if (suggestions().length > 0) {
        <div class="suggestions">
          <h4>{{ 'merge.acceptedSuggestions' | transloco }}</h4>
          <ul>
            @for (suggestion of suggestions(); track suggestion.id) {
              <li class="suggestion" data-testid="merge-suggestion">
                <p class="suggestion-head">
                  <strong>{{ suggestion.authorName }}</strong>
                  · {{ groupLabel(suggestion) }} · {{ 'disposition.' + suggestion.disposition | transloco }}
                  @if (paragraph().provenance.includes(suggestion.id)) {
                    · {{ 'merge.cited' | transloco }}
                  }
                </p>
                <p class="why">{{ suggestion.excerpt }}</p>
                <app-text-diff [before]="paragraph().text" [after]="suggestion.proposedText ?? ''" />
                <button
                  mat-stroked-button
                  type="button"
                  [attr.aria-label]="'merge.applyAria' | transloco: { author: suggestion.authorName, number: number() }"
                  (click)="applySuggestion.emit(suggestion)"
                >
                  {{ 'merge.apply' | transloco }}
                </button>
              </li>
            }
          </ul>
        </div>
      }

      <div class="tools">
        <button
          mat-button
          type="button"
          [id]="uid() + '-up'"
          [attr.aria-label]="'merge.moveUpAria' | transloco: { number: number() }"
          [attr.aria-disabled]="!canMoveUp() || null"
          (click)="canMoveUp() && moveUp.emit()"
        >
          <mat-icon aria-hidden="true" svgIcon="arrow_upward" />
          {{ 'merge.moveUp' | transloco }}
        </button>
        <button
          mat-button
          type="button"
          [id]="uid() + '-down'"
          [attr.aria-label]="'merge.moveDownAria' | transloco: { number: number() }"
          [attr.aria-disabled]="!canMoveDown() || null"
          (click)="canMoveDown() && moveDown.emit()"
        >
          <mat-icon aria-hidden="true" svgIcon="arrow_downward" />
          {{ 'merge.moveDown' | transloco }}
        </button>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="move-to">
          <mat-label>{{ 'merge.moveTo' | transloco }}</mat-label>
          <mat-select [value]="sectionKey()" (selectionChange)="moveTo.emit($event.value)">
            @for (section of sections(); track section.key) {
              <mat-option [value]="section.key">{{ section.title || ('merge.untitledSection' | transloco) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-button type="button" [attr.aria-label]="'merge.insertAria' | transloco: { number: number() }" (click)="insertAfter.emit()">
          <mat-icon aria-hidden="true" svgIcon="add" />
          {{ 'merge.insert' | transloco }}
        </button>
        <button mat-button type="button" class="danger" [attr.aria-label]="'merge.deleteAria' | transloco: { number: number() }" (click)="remove.emit()">
          <mat-icon aria-hidden="true" svgIcon="delete" />
          {{ 'merge.delete' | transloco }}
        </button>
      </div>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .paragraph {
      padding: 0.75rem 1rem 0.5rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
      margin-bottom: 0.5rem;
    }
    h3 {
      margin: 0;
      font-size: 1.125rem;
    }
    h4 {
      margin: 0.75rem 0 0.25rem;
      font-size: 1rem;
    }
    .change {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      font-size: 0.875rem;
      font-weight: 600;
    }
    .change--edited,
    .change--edited_and_moved {
      border-color: #7a5c00;
      background: #fff2c2;
    }
    .change--added {
      border-color: #1d6b3e;
      border-style: dashed;
      background: #d6f2e1;
    }
    .change--moved {
      border-color: #1f4e9c;
      border-style: dotted;
      background: #dce8ff;
    }
    .was,
    .muted {
      color: var(--dw-muted);
    }
    .text {
      width: 100%;
    }
    .base-diff,
    .suggestion {
      margin: 0.5rem 0;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--dw-border);
      background: var(--dw-surface-alt);
    }
    .small-title,
    .suggestion-head {
      margin: 0 0 0.25rem;
      font-weight: 600;
    }
    .suggestion-head {
      font-weight: 400;
    }
    .why {
      margin: 0 0 0.375rem;
      font-style: italic;
      white-space: pre-line;
    }
    .suggestions ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .suggestion button {
      margin-top: 0.375rem;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0 0 0.5rem;
      padding: 0;
      list-style: none;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.125rem;
      padding: 0 0 0 0.625rem;
      border: 1px solid var(--dw-border);
      border-radius: 999px;
      font-size: 0.875rem;
    }
    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .picker mat-form-field {
      flex: 1 1 20rem;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      margin-top: 0.75rem;
    }
    .move-to {
      width: 14rem;
    }
    .danger {
      --mat-button-text-label-text-color: #b3261e;
    }
  `,
})
export class MergeParagraphCard {
  readonly slug = input.required<string>();
  readonly paragraph = input.required<MergeParagraph>();
  readonly number = input.required<number>();
  readonly change = input.required<DraftChange>();
  readonly baseVersion = input.required<number>();
  readonly sectionKey = input.required<string>();
  readonly sections = input.required<readonly { key: string; title: string }[]>();
  readonly canMoveUp = input(false);
  readonly canMoveDown = input(false);
  readonly refs = input.required<Readonly<Record<string, ProvenanceRef>>>();
  /** This paragraph's accepted (or partially accepted) suggestions. */
  readonly suggestions = input<readonly TriageItem[]>([]);

  readonly textChange = output<string>();
  readonly applySuggestion = output<TriageItem>();
  readonly addContribution = output<TriageItem>();
  readonly removeProvenance = output<string>();
  readonly moveUp = output<void>();
  readonly moveDown = output<void>();
  readonly moveTo = output<string>();
  readonly insertAfter = output<void>();
  readonly remove = output<void>();

  private readonly triage = inject(TriageService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  private readonly i18n = inject(LanguageService);
  protected readonly uid = computed(() => this.paragraph().uid);
  protected readonly changeLabel = computed(() => this.i18n.t(`draftChange.${this.change()}`));
  protected readonly showBaseDiff = computed(() => {
    const change = this.change();
    return this.paragraph().baseText !== null && (change === 'edited' || change === 'edited_and_moved');
  });
  protected readonly wasText = computed(() => {
    const p = this.paragraph();
    if (p.baseNumber === null || p.baseNumber === this.number()) return null;
    return this.i18n.t('merge.was', { number: p.baseNumber, version: this.baseVersion() });
  });

  protected readonly chips = computed<ProvenanceChip[]>(() => {
    const p = this.paragraph();
    const refs = this.refs();
    const ids = p.caseStudyId ? [...p.provenance, p.caseStudyId] : p.provenance;
    return ids.map((id) => {
      const ref = refs[id];
      const who = ref
        ? this.i18n.t('merge.who', { kind: this.i18n.t(`kind.${ref.kind}`), author: ref.authorName ?? this.i18n.t('merge.anonymousContributor') })
        : this.i18n.t('merge.aContribution');
      return {
        id,
        text: ref ? this.chipText(ref) : this.i18n.t(id === p.caseStudyId ? 'kind.case_study' : 'merge.goneContribution'),
        removeLabel: this.i18n.t('merge.removeAria', { who, number: this.number() }),
      };
    });
  });

  protected readonly picker = signal<PickerState>({ status: 'closed' });
  protected readonly picked = signal<string | null>(null);
  protected readonly pickerError = computed(() => {
    const picker = this.picker();
    return picker.status === 'error' ? picker.message : '';
  });
  /** Comments, replies and suggestions on this paragraph not cited yet (case studies are inserted, not cited). */
  protected readonly pickable = computed(() => {
    const picker = this.picker();
    if (picker.status !== 'open') return [];
    const cited = new Set(this.paragraph().provenance);
    return picker.items.filter((item) => item.kind !== 'case_study' && !cited.has(item.id));
  });

  protected onText(event: Event): void {
    if (event.target instanceof HTMLTextAreaElement) this.textChange.emit(event.target.value);
  }

  protected groupLabel(item: TriageItem): string {
    return this.i18n.t(`group.${item.stakeholderGroup}`);
  }

  protected itemLabel(item: TriageItem): string {
    return this.i18n.t('merge.itemLabel', {
      kind: this.i18n.t(`kind.${item.kind}`),
      author: item.authorName,
      disposition: this.i18n.t(`disposition.${item.disposition}`),
      excerpt: firstWords(item.excerpt),
    });
  }

  /** "Suggested edit · Civil society · Amina: “…”" in the interface language. */
  private chipText(ref: ProvenanceRef): string {
    const group = isStakeholderGroup(ref.stakeholderGroup) ? this.i18n.t(`group.${ref.stakeholderGroup}`) : ref.stakeholderGroup;
    const parts = [this.i18n.t(`kind.${ref.kind}`), group, ref.authorName ?? this.i18n.t('attribution.anonymous')].filter((part) => part !== '');
    const excerpt = firstWords(ref.excerpt, 10);
    return excerpt ? `${parts.join(' · ')}: “${excerpt}”` : parts.join(' · ');
  }

  protected openPicker(): void {
    this.picker.set({ status: 'loading' });
    this.picked.set(null);
    const key = this.paragraph().key;
    this.triage.queue(this.slug(), { ...NO_TRIAGE_FILTERS, paragraph: key }, null, 100).subscribe({
      next: (page) => {
        this.picker.set({ status: 'open', items: page.items });
        this.focusSoon(`#${this.uid()}-pick, #${this.uid()}-pick-close`);
      },
      error: (error: unknown) => {
        this.picker.set({ status: 'error', message: `${this.i18n.t('triage.loadFailed')} ${toApiError(error).message}` });
        this.focusSoon(`#${this.uid()}-pick-close`);
      },
    });
  }

  protected closePicker(): void {
    this.picker.set({ status: 'closed' });
    this.focusSoon(`#${this.uid()}-add`);
  }

  protected pick(value: unknown): void {
    this.picked.set(typeof value === 'string' ? value : null);
  }

  protected addPicked(): void {
    const item = this.pickable().find((candidate) => candidate.id === this.picked());
    if (!item) return;
    this.addContribution.emit(item);
    this.picked.set(null);
    this.closePicker();
  }

  /**
   * The button pressed goes away as the picker opens or closes: move focus to what replaced it once
   * it is rendered, so a keyboard user is not sent back to the top of the page.
   */
  private focusSoon(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
