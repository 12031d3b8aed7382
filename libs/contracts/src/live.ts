import type { Disposition } from './triage';
import type { StakeholderGroup } from './stakeholder-groups';
import type { ConsultationPhase } from './versions';

/**
 * Live updates of one document, as server-sent events from GET /api/documents/:slug/events.
 * Each event's SSE `id` is its sequence number; a client that reconnects sends it back as
 * Last-Event-ID (EventSource does this by itself) or as `?since=` and first receives what it
 * missed. The SSE event name is the `type`. Events say what changed; clients fetch what they show.
 */
export const LIVE_EVENT_TYPES = ['comment', 'endorsement', 'disposition', 'phase'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

interface LiveEventBase {
  /** Sequence number, increasing per database; the SSE id. */
  id: string;
  documentSlug: string;
  at: string;
}

/** A new comment, reply or suggestion (recorded interventions included). */
export interface LiveCommentEvent extends LiveEventBase {
  type: 'comment';
  contributionId: string;
  parentId: string | null;
  kind: 'comment' | 'reply' | 'suggestion';
  /** Every paragraph it shows on, primary first. */
  paragraphKeys: string[];
  stakeholderGroup: StakeholderGroup;
}

export interface LiveEndorsementEvent extends LiveEventBase {
  type: 'endorsement';
  contributionId: string;
  paragraphKeys: string[];
  /** Endorsements of that contribution after the change. */
  total: number;
}

export interface LiveDispositionEvent extends LiveEventBase {
  type: 'disposition';
  contributionId: string | null;
  caseStudyId: string | null;
  disposition: Disposition;
  paragraphKeys: string[];
}

export interface LivePhaseEvent extends LiveEventBase {
  type: 'phase';
  phase: ConsultationPhase;
  commentDeadline: string | null;
}

export type LiveEvent = LiveCommentEvent | LiveEndorsementEvent | LiveDispositionEvent | LivePhaseEvent;
