import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DocumentVersionView } from '@doorway/contracts';
import { compressedForms } from '../../common/http/content-encoding';
import type { CachedBody } from '../../common/http/content-encoding';

/**
 * A document version as sent: its JSON as UTF-8 bytes (a string would be encoded again on every
 * write, which profiling showed to be most of the cost of a cached read), their ETag, and their
 * brotli and gzip forms, each compressed once, when first asked for, and dropped with the entry.
 */
export type SerializedView = CachedBody;

/** Documents × versions kept; past this, the least recently used goes. */
const MAX_ENTRIES = 64;

/**
 * The document view, serialized once per change rather than once per request. Each entry
 * carries the document's change stamp (see migration DocumentViewStamps) from when it was built;
 * a reader brings the current stamp, read in the same statement as the document itself, and gets
 * the entry only if nothing changed since. Concurrent readers of a stale entry share one rebuild.
 */
@Injectable()
export class DocumentViewCache {
  private readonly entries = new Map<string, { stamp: bigint; view: SerializedView }>();
  private readonly building = new Map<string, Promise<SerializedView>>();

  async get(key: string, stamp: string, build: () => Promise<DocumentVersionView>): Promise<SerializedView> {
    const current = BigInt(stamp);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === current) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.view;
    }
    const flight = `${key}@${stamp}`;
    const pending = this.building.get(flight);
    if (pending) return pending;
    const promise = build()
      .then((view) => this.store(key, current, view))
      .finally(() => this.building.delete(flight));
    this.building.set(flight, promise);
    return promise;
  }

  private store(key: string, stamp: bigint, view: DocumentVersionView): SerializedView {
    const json = Buffer.from(JSON.stringify(view), 'utf8');
    const serialized: SerializedView = {
      json,
      etag: `W/"${createHash('sha1').update(json).digest('base64url')}"`,
      encoded: compressedForms(json),
    };
    const existing = this.entries.get(key);
    // A slower rebuild from an older stamp must not replace a newer entry.
    if (!existing || existing.stamp <= stamp) {
      this.entries.delete(key);
      this.entries.set(key, { stamp, view: serialized });
      while (this.entries.size > MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    }
    return serialized;
  }
}
