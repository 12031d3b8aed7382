import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Header } from './components/header/header';

/** The shell: skip link, banner, and the main landmark the pages render into. */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, Header, TranslocoPipe],
  template: `
    <a class="skip-link" href="#main" (click)="skipToContent($event)">{{ 'app.skipToContent' | transloco }}</a>
    <app-header />
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    .skip-link {
      position: absolute;
      top: 0.5rem;
      inset-inline-start: 0.5rem;
      z-index: 1000;
      padding: 0.75rem 1rem;
      border-radius: 4px;
      background: #0b57d0;
      color: #ffffff;
      font-weight: 600;
      transform: translateY(-200%);
    }
    .skip-link:focus {
      transform: none;
    }
    main {
      flex: 1;
    }
    main:focus:not(:focus-visible) {
      outline: none;
    }
  `,
})
export class App {
  private readonly document = inject(DOCUMENT);

  /** With <base href="/">, a bare #main would navigate to the start page; move focus instead. */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    const main = this.document.getElementById('main');
    main?.focus();
    main?.scrollIntoView();
  }
}
