import { signal } from '@angular/core';
import type { Translate } from '../i18n/languages';

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string }
  /** Someone else saved first: nothing is sent until the person chooses whose version to keep. */
  | { kind: 'conflict' };

export interface AutosaveOptions {
  /** Sends the values as they are when called, so a queued save always sends the latest. */
  save: () => Promise<void>;
  /** Quiet time after the last change before saving, in milliseconds. */
  delay?: number;
  /** True for a failure that means "someone else saved first" (412); such a failure holds changes. */
  isConflict?: (error: unknown) => boolean;
  /** A sentence for any other failure, in the reader's language ('' when there is nothing to add). */
  describeError?: (error: unknown) => string;
}

export const AUTOSAVE_DELAY_MS = 800;

/** The translation keys of the status line's words that differ between pages. */
export interface AutosaveWording {
  idle: string;
  conflict: string;
}

/** What the status line says, in the language `t` translates to. */
export function autosaveText(
  state: AutosaveState,
  t: Translate,
  wording: AutosaveWording = { idle: 'autosave.idle', conflict: 'autosave.conflict' },
): string {
  switch (state.kind) {
    case 'idle':
      return t(wording.idle);
    case 'saving':
      return t('autosave.saving');
    case 'saved':
      return t('autosave.saved');
    case 'error':
      return state.message ? t('autosave.notSavedBecause', { reason: state.message }) : t('autosave.notSaved');
    case 'conflict':
      return t(wording.conflict);
  }
}

/**
 * Saves as people work: each change restarts a short timer; when it runs out the latest values are
 * sent. Never two saves in flight: changes made meanwhile go out together in one more save once
 * the first is answered. After a conflict (when `isConflict` says so) it holds everything until
 * `resume()` (keep mine) or `reset()` (load theirs). Used by the case-study form and the merge view.
 */
export class Autosaver {
  private readonly current = signal<AutosaveState>({ kind: 'idle' });
  readonly state = this.current.asReadonly();

  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  private held = false;
  private stopped = false;
  private inFlight: Promise<boolean> | null = null;
  private readonly options: Required<AutosaveOptions>;

  constructor(options: AutosaveOptions) {
    this.options = {
      delay: AUTOSAVE_DELAY_MS,
      isConflict: () => false,
      describeError: () => '',
      ...options,
    };
  }

  /** Changes not saved yet, or a save still in flight. */
  get pending(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  get inConflict(): boolean {
    return this.held;
  }

  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.held) return;
    this.current.set({ kind: 'saving' });
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delay);
  }

  /**
   * Saves what is pending now, after any save in flight. Resolves true once everything is saved;
   * false when a save failed or a conflict holds the changes back (the state says which).
   */
  async flush(): Promise<boolean> {
    this.clearTimer();
    for (;;) {
      while (this.inFlight) await this.inFlight;
      if (this.held) return false;
      if (!this.dirty) return this.current().kind !== 'error';
      if (!(await this.send())) return false;
    }
  }

  /** Someone else's save won (found while publishing, say): hold every change until the editor decides. */
  conflict(): void {
    this.clearTimer();
    this.held = true;
    this.current.set({ kind: 'conflict' });
  }

  /** Keep mine: send my version now (the caller has taken their lockVersion). */
  resume(): Promise<boolean> {
    this.held = false;
    this.dirty = true;
    return this.flush();
  }

  /** Forget pending changes (their version was loaded, or the draft was published). */
  reset(): void {
    this.clearTimer();
    this.held = false;
    this.dirty = false;
    this.current.set({ kind: 'idle' });
  }

  /** The page is going away: no more timers, but pending changes are still sent once. */
  stop(): void {
    const pending = this.dirty && !this.held;
    this.stopped = true;
    if (pending) void this.flush();
    else this.clearTimer();
  }

  private send(): Promise<boolean> {
    this.dirty = false;
    this.current.set({ kind: 'saving' });
    // Always asynchronous, so `inFlight` is set before the save can finish.
    const run: Promise<boolean> = Promise.resolve()
      .then(() => this.options.save())
      .then(
        () => {
          if (!this.dirty && !this.held) this.current.set({ kind: 'saved' });
          return true;
        },
        (error: unknown) => {
          this.dirty = true;
          if (this.options.isConflict(error)) {
            this.held = true;
            this.current.set({ kind: 'conflict' });
          } else {
            this.current.set({ kind: 'error', message: this.options.describeError(error) });
          }
          return false;
        },
      )
      .then((saved) => {
        this.inFlight = null;
        return saved;
      });
    this.inFlight = run;
    return run;
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
