import { Directive, ElementRef, afterNextRender, inject, output, DestroyRef } from '@angular/core';

/**
 * One observer for every placeholder on the page. The margin starts rendering a paragraph half a
 * screen before it scrolls into view, so a reader scrolling at a normal pace never sees one change.
 */
let shared: { observer: IntersectionObserver; callbacks: WeakMap<Element, () => void> } | null = null;

function observe(element: Element, callback: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    // No observer (a test environment or a very old browser): render at once.
    callback();
    return () => undefined;
  }
  if (!shared) {
    const callbacks = new WeakMap<Element, () => void>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          callbacks.get(entry.target)?.();
          callbacks.delete(entry.target);
        }
      },
      { rootMargin: '50% 0px' },
    );
    shared = { observer, callbacks };
  }
  const { observer, callbacks } = shared;
  callbacks.set(element, callback);
  observer.observe(element);
  return () => {
    observer.unobserve(element);
    callbacks.delete(element);
  };
}

/**
 * Emits once when its element comes within half a screen of the viewport. Used instead of
 * `@defer (on viewport)` because a deferred block moves its components into a chunk fetched after
 * the document, one more round trip before the first paragraph can paint.
 */
@Directive({ selector: '[appNearViewport]' })
export class NearViewport {
  readonly appNearViewport = output<void>();

  constructor() {
    const element = inject<ElementRef<Element>>(ElementRef).nativeElement;
    let stop: () => void = () => undefined;
    afterNextRender(() => {
      stop = observe(element, () => this.appNearViewport.emit());
    });
    inject(DestroyRef).onDestroy(() => stop());
  }
}
