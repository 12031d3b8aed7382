import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_ABBREVIATIONS, STAKEHOLDER_GROUP_LABELS } from '@doorway/contracts';
import type { GroupCounts, StakeholderGroup } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';

export interface GroupChip {
  group: StakeholderGroup;
  label: string;
  abbreviation: string;
  count: number;
}

/** Groups that wrote at least once, most comments first (ties keep the canonical group order). */
export function groupChips(counts: GroupCounts): GroupChip[] {
  return STAKEHOLDER_GROUPS.map((group) => ({
    group,
    label: STAKEHOLDER_GROUP_LABELS[group],
    abbreviation: STAKEHOLDER_GROUP_ABBREVIATIONS[group],
    count: counts[group] ?? 0,
  }))
    .filter((chip) => chip.count > 0)
    .sort((a, b) => b.count - a.count);
}

/**
 * One small chip per stakeholder group that commented: abbreviation + count, a tint and a
 * per-group border/pattern (see styles.scss), so colour is never the only cue.
 */
@Component({
  selector: 'app-group-chips',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (chips().length > 0) {
      <ul class="chips" role="list" [attr.aria-label]="description()">
        @for (chip of chips(); track chip.group) {
          <li
            class="dw-group dw-group--{{ chip.group }}"
            [attr.data-testid]="'group-count-' + chip.group"
            [title]="chip.label + ': ' + chip.count"
          >
            {{ chip.abbreviation }} {{ chip.count }}
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
})
export class GroupChips {
  readonly counts = input.required<GroupCounts>();

  private readonly i18n = inject(LanguageService);

  protected readonly chips = computed(() =>
    groupChips(this.counts()).map((chip) => ({ ...chip, label: this.i18n.t(`group.${chip.group}`) })),
  );
  protected readonly description = computed(() =>
    this.i18n.t('groupChips.description', { list: this.i18n.shortList(this.chips().map((chip) => `${chip.label} ${chip.count}`)) }),
  );
}
