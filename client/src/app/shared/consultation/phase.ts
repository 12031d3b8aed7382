import type { ConsultationPhase, DocumentSummary } from '@doorway/contracts';

/** What the banner calls each phase. */
export const PHASE_TITLES: Readonly<Record<ConsultationPhase, string>> = {
  draft: 'Draft (editors only)',
  open: 'Open for comment',
  closed: 'Closed for comment',
  final: 'Final version',
};

/** The choices of the coordinators' "Phase" select, in the order a consultation goes through them. */
export const PHASE_CHOICES: readonly { value: ConsultationPhase; label: string }[] = [
  { value: 'draft', label: 'Draft' },
  { value: 'open', label: 'Open for comment' },
  { value: 'closed', label: 'Closed' },
  { value: 'final', label: 'Final' },
];

/** Why nobody can contribute right now, phase by phase. */
const CLOSED_REASONS: Readonly<Record<Exclude<ConsultationPhase, 'open'>, string>> = {
  draft: 'This document is still a draft that only editors can see. Comments open when the coordinators open the consultation.',
  closed: 'The consultation is closed while the editors prepare the next version. You can still read the document and every comment.',
  final: 'This is the final version: the consultation has ended. You can still read the document and every comment.',
};

const DAY = 24 * 60 * 60 * 1000;

export interface ConsultationState {
  phase: ConsultationPhase;
  /** Whether comments, suggestions, replies and endorsements are accepted right now. */
  open: boolean;
  /** "Open for comment", "Closed for comment", "Final version", "Draft (editors only)". */
  title: string;
  /** While open with a deadline: when it ends (ISO). */
  deadline: string | null;
  /** "12 days left", "1 day left", "less than a day left"; '' without a deadline. */
  timeLeft: string;
  /** Whole days left while open with a deadline (0 for less than a day), for translated texts; else null. */
  daysLeft: number | null;
  /** Why contributions are not accepted; '' while open. */
  reason: string;
}

/** Whole days left before `deadline`, rounding up (an hour left is "less than a day"). */
export function daysLeft(deadline: string, now: number): number {
  return Math.ceil((Date.parse(deadline) - now) / DAY);
}

export function timeLeftText(deadline: string, now: number): string {
  const ms = Date.parse(deadline) - now;
  if (ms < DAY) return 'less than a day left';
  const days = daysLeft(deadline, now);
  return days === 1 ? '1 day left' : `${days} days left`;
}

/**
 * Where a document's consultation stands at `now`: the API refuses contributions outside the open
 * phase and after the deadline (409 CONSULTATION_CLOSED), so the page hides those actions and says why.
 */
export function consultationState(summary: Pick<DocumentSummary, 'phase' | 'commentDeadline'>, now: number): ConsultationState {
  const { phase, commentDeadline } = summary;
  if (phase !== 'open') {
    return { phase, open: false, title: PHASE_TITLES[phase], deadline: null, timeLeft: '', daysLeft: null, reason: CLOSED_REASONS[phase] };
  }
  if (commentDeadline && Date.parse(commentDeadline) <= now) {
    return {
      phase,
      open: false,
      title: PHASE_TITLES.closed,
      deadline: null,
      timeLeft: '',
      daysLeft: null,
      reason: 'The comment deadline has passed. You can still read the document and every comment.',
    };
  }
  return {
    phase,
    open: true,
    title: PHASE_TITLES.open,
    deadline: commentDeadline,
    timeLeft: commentDeadline ? timeLeftText(commentDeadline, now) : '',
    daysLeft: commentDeadline ? (Date.parse(commentDeadline) - now < DAY ? 0 : daysLeft(commentDeadline, now)) : null,
    reason: '',
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input, in the reader's time zone ("2016-11-30T23:59"). */
export function toLocalInputValue(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (the reader's time zone) as an ISO instant; null when empty or invalid. */
export function fromLocalInputValue(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
