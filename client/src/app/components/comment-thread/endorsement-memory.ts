import { Injectable, signal } from '@angular/core';

/**
 * Which comments the signed-in person endorsed in this session. The API's comment view carries
 * counts, not "endorsed by me", so the client remembers what it did (and learns it from a 409
 * ALREADY_ENDORSED), per user, so a second person on the same browser starts afresh.
 */
@Injectable({ providedIn: 'root' })
export class EndorsementMemory {
  private readonly endorsed = signal<ReadonlySet<string>>(new Set());

  has(userId: string, commentId: string): boolean {
    return this.endorsed().has(`${userId}:${commentId}`);
  }

  set(userId: string, commentId: string, endorsed: boolean): void {
    const entry = `${userId}:${commentId}`;
    this.endorsed.update((current) => {
      if (current.has(entry) === endorsed) return current;
      const next = new Set(current);
      if (endorsed) next.add(entry);
      else next.delete(entry);
      return next;
    });
  }
}
