import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe],
  template: `
    <div class="page">
      <h1>{{ 'notFound.heading' | transloco }}</h1>
      <p>{{ 'notFound.text' | transloco }}</p>
      <p><a routerLink="/">{{ 'notFound.home' | transloco }}</a></p>
    </div>
  `,
})
export class NotFoundPage {}
