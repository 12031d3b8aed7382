import type { Role } from './roles';
import type { StakeholderGroup } from './stakeholder-groups';

/** Bounds of the free-text reasons given when reporting, hiding, restoring, verifying or changing a role. */
export const MODERATION_LIMITS = {
  reason: { min: 3, max: 500 },
} as const;

export interface ReportRequest {
  reason: string;
}

export interface HideRequest {
  reason: string;
}

export interface RestoreRequest {
  reason: string;
}

/** What a report did: it counts once per person; enough distinct reporters hide the contribution. */
export interface ReportResult {
  contributionId: string;
  /** Open (not yet reviewed) reports from distinct people, this one included. */
  reportCount: number;
  hidden: boolean;
  /** What readers see in its place once hidden. */
  hiddenReason: string | null;
}

export const MODERATION_STATES = ['reported', 'hidden'] as const;
/** reported: reports wait for review and it still shows; hidden: hidden, by moderators or by the report threshold. */
export type ModerationState = (typeof MODERATION_STATES)[number];

export interface ModerationReport {
  reason: string;
  at: string;
  reporterName: string;
}

/** One item of the moderation queue, as editors see it (text included). */
export interface ModerationItem {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  documentSlug: string;
  documentTitle: string;
  paragraphKey: string | null;
  body: string;
  proposedText: string | null;
  authorName: string;
  stakeholderGroup: StakeholderGroup;
  createdAt: string;
  state: ModerationState;
  hiddenAt: string | null;
  hiddenReason: string | null;
  /** Null when the report threshold hid it, or when it is not hidden. */
  hiddenBy: string | null;
  /** Open reports, newest first. */
  reports: ModerationReport[];
}

export interface ModerationPage {
  items: ModerationItem[];
  nextCursor: string | null;
}

/** A user as coordinators manage them. */
export interface ManagedUser {
  id: string;
  email: string;
  displayName: string;
  organisation: string | null;
  stakeholderGroup: StakeholderGroup;
  groupVerified: boolean;
  role: Role;
  createdAt: string;
}

export interface ManagedUserPage {
  items: ManagedUser[];
  nextCursor: string | null;
}

export interface ChangeRoleRequest {
  role: Role;
  reason?: string;
}

export interface SetVerificationRequest {
  verified: boolean;
  reason?: string;
}

/**
 * The reason recorded when reports from `count` people hide a contribution. The API stores it in
 * English; the client recognises it with `reportCountInReason` and says it in the reader's language.
 */
export function reportThresholdReason(count: number): string {
  return `Reported by ${count} participants; awaiting review`;
}

/** The report count of a reason written by `reportThresholdReason`, or null for a moderator's own words. */
export function reportCountInReason(reason: string): number | null {
  const match = /^Reported by (\d+) participants; awaiting review$/.exec(reason);
  return match ? Number(match[1]) : null;
}
