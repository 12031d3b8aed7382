import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { dropEarlyStream } from './app/core/startup/early-live-stream';
import { startOnIntent } from './app/core/startup/start-on-intent';

warmUpDateFormatting();
startOnIntent(window, () => {
  bootstrapApplication(App, appConfig)
    // Once the first page has settled, a live stream opened before the start that no page took is closed.
    .then((app) => app.whenStable())
    .then(dropEarlyStream)
    .catch((error: unknown) => console.error(error));
});

/**
 * A browser's first Intl.DateTimeFormat loads its ICU date data: about 35 ms of main-thread time
 * here (140 ms on Lighthouse's slowed-down phone), spent right when the document first renders
 * its publication date. The data is shared by the whole renderer process, so a worker that formats
 * one date while the app boots takes that cost off the main thread; the page's first format then
 * takes under a millisecond.
 */
function warmUpDateFormatting(): void {
  if (typeof Worker !== 'function') return;
  try {
    const worker = new Worker('intl-warm-up.js');
    worker.onmessage = () => worker.terminate();
    worker.onerror = () => worker.terminate();
  } catch {
    // No worker (a strict policy, a very old browser): the first date is formatted on the main thread, as before.
  }
}
