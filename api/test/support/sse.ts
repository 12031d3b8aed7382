/**
 * The status of an event stream over a real socket (light-my-request cannot hold an SSE stream
 * open): a 200 is aborted as soon as its headers arrive; an error's JSON body is read.
 */
export async function sseStatus(base: string, path: string, cookie: string): Promise<{ status: number; type: string; body: unknown }> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (cookie) headers['cookie'] = cookie;
  const response = await fetch(`${base}${path}`, { headers, signal: controller.signal });
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 200 && type.startsWith('text/event-stream')) {
    controller.abort();
    return { status: 200, type, body: null };
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: response.status, type, body };
}
