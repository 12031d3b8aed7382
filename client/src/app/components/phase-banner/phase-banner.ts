import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { ConsultationPhase } from '@doorway/contracts';
import type { ConsultationState } from '../../shared/consultation/phase';

const ICONS: Readonly<Record<ConsultationPhase, string>> = {
  draft: 'edit_note',
  open: 'forum',
  closed: 'lock',
  final: 'verified',
};

/** Where the consultation stands: "Open for comment until … (12 days left)", "Closed for comment", … */
@Component({
  selector: 'app-phase-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatIcon],
  template: `
    <div class="phase" [class.is-open]="state().open">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      <div data-testid="phase">
        <p class="title">
          <strong>{{ state().title }}</strong>
          @if (state().deadline; as deadline) {
            until <time [attr.datetime]="deadline">{{ deadline | date: 'd MMMM y, HH:mm' }}</time> ({{ state().timeLeft }})
          }
        </p>
        @if (state().reason; as reason) {
          <p class="reason">{{ reason }}</p>
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

  protected readonly icon = computed(() => (this.state().open ? ICONS.open : ICONS[this.state().phase === 'open' ? 'closed' : this.state().phase]));
}
