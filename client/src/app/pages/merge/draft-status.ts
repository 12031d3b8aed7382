import { autosaveText } from '../../core/autosave/autosaver';
import type { AutosaveState } from '../../core/autosave/autosaver';

export const DRAFT_AUTOSAVE_DELAY_MS = 1000;

/** The merge view's status line. */
export function draftSaveText(state: AutosaveState): string {
  return autosaveText(state, { idle: 'No changes since the draft was opened', conflict: 'Someone else changed the draft' });
}
