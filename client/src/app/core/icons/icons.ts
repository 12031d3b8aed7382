import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import { ICON_PATHS } from './icon-set';
import type { IconName } from './icon-set';

export type { IconName };

/** The markup of one icon: `fill="currentColor"` so it takes the text colour, like the font did. */
export function iconSvg(name: IconName): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -960 960 960" fill="currentColor" focusable="false"><path d="${ICON_PATHS[name]}"/></svg>`;
}

/**
 * Registers the committed icon set (tools/scripts/icons.ts) for the svgIcon input of mat-icon. The
 * markup is built here from path data generated at build time, never from user input, so trusting
 * it as HTML is safe; nothing is fetched at runtime.
 */
export function registerIcons(registry: MatIconRegistry, sanitizer: DomSanitizer): void {
  for (const name of Object.keys(ICON_PATHS) as IconName[]) {
    registry.addSvgIconLiteral(name, sanitizer.bypassSecurityTrustHtml(iconSvg(name)));
  }
}
