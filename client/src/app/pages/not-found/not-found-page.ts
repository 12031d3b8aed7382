import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p><a routerLink="/">Go to the start page</a></p>
    </div>
  `,
})
export class NotFoundPage {}
