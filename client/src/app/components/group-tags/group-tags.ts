import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_ABBREVIATIONS } from '@doorway/contracts';
import type { StakeholderGroup } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';

/**
 * The stakeholder groups a case study involved, as the same tinted chips the document uses for
 * comment counts: abbreviation on screen, full name for screen readers and on hover. Each group
 * also has its own border style (styles.scss), so colour is never the only cue.
 */
@Component({
  selector: 'app-group-tags',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (tags().length > 0) {
      <ul class="tags" role="list" [attr.aria-label]="listLabel()">
        @for (tag of tags(); track tag.group) {
          <li class="dw-group dw-group--{{ tag.group }}" [title]="tag.label" [attr.data-testid]="'group-tag-' + tag.group">
            <span aria-hidden="true">{{ tag.abbreviation }}</span>
            @if (full()) {
              <span class="full">{{ tag.label }}</span>
            } @else {
              <span class="visually-hidden">{{ tag.label }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .full {
      font-weight: 400;
    }
  `,
})
export class GroupTags {
  readonly groups = input.required<readonly StakeholderGroup[]>();
  private readonly i18n = inject(LanguageService);
  /** The list's accessible name; "Stakeholder groups involved" in the interface language when not given. */
  readonly label = input<string | null>(null);
  protected readonly listLabel = computed(() => this.label() ?? this.i18n.t('groupTags.label'));
  /** Also show each group's full name on screen (the permalink has room for it). */
  readonly full = input(false);

  /** In the canonical group order, each once. */
  protected readonly tags = computed(() =>
    STAKEHOLDER_GROUPS.filter((group) => this.groups().includes(group)).map((group) => ({
      group,
      label: this.i18n.t(`group.${group}`),
      abbreviation: STAKEHOLDER_GROUP_ABBREVIATIONS[group],
    })),
  );
}
