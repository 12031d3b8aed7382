import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { ConsultationPhase } from '@doorway/contracts';
import type { ConsultationState } from '../../shared/consultation/phase';
import type { IconName } from '../../core/icons/icons';

const ICONS: Readonly<Record<ConsultationPhase, IconName>> = {
  draft: 'edit_note',
  open: 'forum',
  closed: 'lock',
  final: 'verified',
};

/** Where the consultation stands: "Open for comment until … (12 days left)", "Closed for comment", … */
@Component({
  selector: 'app-phase-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDatePipe, TranslocoPipe, MatIcon],
  template: `
    <div class="phase" [class.is-open]="state().open">
      <mat-icon aria-hidden="true" [svgIcon]="icon()" />
      <div data-testid="phase">
        <p class="title">
          <strong>{{ titleKey() | transloco }}</strong>
          @if (state().deadline; as deadline) {
            {{ 'phase.until' | transloco }} <time [attr.datetime]="deadline">{{ deadline | translocoDate: { dateStyle: 'long', timeStyle: 'short' } }}</time> ({{ timeLeftKey().key | transloco: timeLeftKey().params }})
          }
        </p>
        @if (reasonKey(); as reason) {
          <p class="reason">{{ reason | transloco }}</p>
        }
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .phase {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
      padding: 0.625rem 1rem;
      border: 2px dashed var(--dw-muted);
      border-radius: 4px;
      background: var(--dw-surface-alt);
    }
    .phase.is-open {
      border-style: solid;
      border-color: #1d6b3e;
      background: #eef8f2;
    }
    mat-icon {
      flex: none;
      margin-top: 0.125rem;
    }
    p {
      margin: 0;
    }
    .reason {
      margin-top: 0.25rem;
      color: var(--dw-muted);
    }
  `,
})
export class PhaseBanner {
  readonly state = input.required<ConsultationState>();

  /** The texts are chosen from the state here, so that they follow the interface language. */
  protected readonly titleKey = computed(() => `phase.title.${this.state().open ? 'open' : this.state().phase === 'open' ? 'closed' : this.state().phase}`);
  protected readonly reasonKey = computed(() => {
    const state = this.state();
    if (state.open) return null;
    return state.phase === 'open' ? 'phase.reason.deadlinePassed' : `phase.reason.${state.phase}`;
  });
  protected readonly timeLeftKey = computed((): { key: string; params: Record<string, number> } => {
    const days = this.state().daysLeft ?? 0;
    if (days < 1) return { key: 'phase.timeLeft.lessThanDay', params: {} };
    return days === 1 ? { key: 'phase.timeLeft.oneDay', params: {} } : { key: 'phase.timeLeft.days', params: { count: days } };
  });

  protected readonly icon = computed(() => (this.state().open ? ICONS.open : ICONS[this.state().phase === 'open' ? 'closed' : this.state().phase]));
}
