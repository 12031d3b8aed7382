// Started by main.ts before the app boots; see the comment there. Formatting one date loads the
// browser's shared ICU date data on this thread instead of the page's.
new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
postMessage('warm');
