import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second over all connections; unset sends as fast as the server answers. */
  overallRate?: number;
  /** Exactly this many requests, every one answered before it ends (then `seconds` is ignored). */
  amount?: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    overallRate: options.overallRate,
    amount: options.amount,
    timeout: 10,
  });
  return {
    // Every answered request over the whole run (requests.total only sums whole one-second samples).
    rps: (result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}

/** The response's status and body, over a keep-alive agent. */
export function get(url: string, agent: Agent, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Latencies of `count` sequential GETs, cycling through the URLs, after a few unmeasured ones. */
export async function sequentialLatencies(urls: string[], count: number): Promise<{ p50: number; p95: number; p99: number; n: number; failures: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (const url of urls.slice(0, 5)) await get(url, agent);
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < count; i += 1) {
    const url = urls[i % urls.length] ?? '';
    const start = performance.now();
    const { status } = await get(url, agent);
    times.push(performance.now() - start);
    if (status !== 200) failures += 1;
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: times.length, failures };
}
