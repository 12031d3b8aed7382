import { reportCountInReason } from '@doorway/contracts';
import type { Translate } from '../../core/i18n/languages';

/**
 * "Hidden by moderators: <reason>" in the active language, where a hidden contribution stands (the
 * thread, the moderation queue). A moderator's reason stays in the words they wrote; the one the
 * system records when reports hide a contribution is said in the reader's language.
 */
export function hiddenNoteText(reason: string | null, t: Translate): string {
  if (!reason) return t('moderation.hiddenNote');
  const reports = reportCountInReason(reason);
  return reports === null ? t('moderation.hiddenNoteReason', { reason }) : t('moderation.hiddenByReports', { count: reports });
}
