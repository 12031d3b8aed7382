import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { TranslocoPipe } from '@jsverse/transloco';
import { UI_LANGUAGES, type UiLanguage } from './languages';
import { LanguageService } from './language.service';

/**
 * The language menu in the header. Each language is written in itself and marked with its own
 * `lang`, so a screen reader pronounces "Français" in French even from the Arabic interface.
 */
@Component({
  selector: 'app-language-switcher',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon, MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger, TranslocoPipe],
  template: `
    <button
      mat-button
      type="button"
      class="trigger"
      data-testid="language-switcher"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'language.switcher' | transloco: { language: current().name }"
    >
      <mat-icon aria-hidden="true" svgIcon="translate" />
      <span [attr.lang]="current().code">{{ current().name }}</span>
    </button>
    <mat-menu #menu="matMenu">
      <!-- Created when the menu opens: projected items would otherwise be built with the header, at start-up. -->
      <ng-template matMenuContent>
        @for (language of languages; track language.code) {
          <button
            mat-menu-item
            type="button"
            role="menuitemradio"
            [attr.aria-checked]="language.code === current().code"
            [attr.lang]="language.code"
            [attr.dir]="language.dir"
            (click)="choose(language.code)"
          >
            <mat-icon aria-hidden="true" [svgIcon]="language.code === current().code ? 'check' : ''" />
            <span>{{ language.name }}</span>
          </button>
        }
      </ng-template>
    </mat-menu>
  `,
  styles: `
    .trigger {
      min-height: 2.75rem;
    }
    .no-check {
      display: inline-block;
      width: 24px;
      margin-inline-end: 16px;
    }
  `,
})
export class LanguageSwitcher {
  private readonly languageService = inject(LanguageService);

  protected readonly languages = UI_LANGUAGES;
  protected readonly current = computed(
    () => UI_LANGUAGES.find((language) => language.code === this.languageService.language()) ?? UI_LANGUAGES[0],
  );

  protected choose(language: UiLanguage): void {
    void this.languageService.use(language);
  }
}
