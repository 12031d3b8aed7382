import type { Translate } from '../../core/i18n/languages';

/**
 * "Hidden by moderators: <reason>" in the active language, where a hidden contribution stands (the
 * thread, the moderation queue). The reason stays in the words the moderator wrote.
 */
export function hiddenNoteText(reason: string | null, t: Translate): string {
  return reason ? t('moderation.hiddenNoteReason', { reason }) : t('moderation.hiddenNote');
}
