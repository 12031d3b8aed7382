import { signal } from '@angular/core';

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string };

export interface AutosaveOptions {
  /** Sends the current values; reads them when called, so a queued save always sends the latest. */
  save: () => Promise<void>;
  /** Quiet time after the last change before saving, in milliseconds. */
  delay?: number;
  /** A sentence for a failed save. */
  describeError?: (error: unknown) => string;
}

export const AUTOSAVE_DELAY_MS = 800;

/** What the autosave status line says. */
export function autosaveText(state: AutosaveState): string {
  switch (state.kind) {
    case 'idle':
      return 'Not saved yet';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'error':
      return `Not saved: ${state.message}`;
  }
}

/**
 * Saves as people type: each change restarts a short timer, and when it runs out the latest values
 * are sent. Never two saves at once: changes made while a save is in flight wait for it, then go
 * out together in one more save.
 */
export class Autosaver {
  private readonly current = signal<AutosaveState>({ kind: 'idle' });
  readonly state = this.current.asReadonly();

  private readonly save: () => Promise<void>;
  private readonly delay: number;
  private readonly describeError: (error: unknown) => string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Changes not sent yet. */
  private dirty = false;
  private inFlight: Promise<boolean> | null = null;
  private stopped = false;

  constructor(options: AutosaveOptions) {
    this.save = options.save;
    this.delay = options.delay ?? AUTOSAVE_DELAY_MS;
    this.describeError = options.describeError ?? (() => 'something went wrong');
  }

  get pending(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  /** Something changed: save it once typing pauses. */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.current.set({ kind: 'saving' });
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  /**
   * Saves what is pending now instead of waiting, after any save in flight. Resolves true when
   * everything is saved, false when a save failed (the state then says why).
   */
  async flush(): Promise<boolean> {
    this.clearTimer();
    for (;;) {
      while (this.inFlight) await this.inFlight;
      if (!this.dirty) return this.current().kind !== 'error';
      if (!(await this.send())) return false;
    }
  }

  /** Forget pending changes and go back to "Not saved yet" (another case study is being edited). */
  reset(): void {
    this.clearTimer();
    this.dirty = false;
    this.current.set({ kind: 'idle' });
  }

  /** No more timers: the page is going away. Pending changes are still sent once. */
  stop(): void {
    const pending = this.dirty;
    this.stopped = true;
    if (pending) void this.flush();
    else this.clearTimer();
  }

  private send(): Promise<boolean> {
    this.dirty = false;
    this.current.set({ kind: 'saving' });
    // Always asynchronous, so `inFlight` is set before the save can finish (even if it throws at once).
    const run: Promise<boolean> = Promise.resolve()
      .then(() => this.save())
      .then(
        () => {
          if (!this.dirty) this.current.set({ kind: 'saved' });
          return true;
        },
        (error: unknown) => {
          // Keep the changes as unsaved: the next change, or "Submit", tries again.
          this.dirty = true;
          this.current.set({ kind: 'error', message: this.describeError(error) });
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
