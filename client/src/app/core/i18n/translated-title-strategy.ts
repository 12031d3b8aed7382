import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { skip } from 'rxjs';

/**
 * Route titles are translation keys ("title.document"); the window title becomes "<translated> · Doorway"
 * and follows a language switch. A page that set a title of its own (a case study's name) keeps it.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private snapshot: RouterStateSnapshot | null = null;
  private lastSet: string | null = null;

  constructor() {
    super();
    this.transloco.langChanges$.pipe(skip(1)).subscribe(() => {
      if (this.snapshot && this.title.getTitle() === this.lastSet) this.updateTitle(this.snapshot);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.snapshot = snapshot;
    const key = this.buildTitle(snapshot);
    if (key === undefined) return;
    const text = `${this.transloco.translate(key)} · Doorway`;
    this.lastSet = text;
    this.title.setTitle(text);
  }
}
