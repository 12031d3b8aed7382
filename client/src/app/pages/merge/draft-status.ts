import { autosaveText } from '../../core/autosave/autosaver';
import type { AutosaveState } from '../../core/autosave/autosaver';
import type { Translate } from '../../core/i18n/languages';

export const DRAFT_AUTOSAVE_DELAY_MS = 1000;

/** The merge view's status line. */
export function draftSaveText(state: AutosaveState, t: Translate): string {
  return autosaveText(state, t, { idle: 'merge.status.idle', conflict: 'merge.conflict' });
}
