import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LoadResult } from './load';

export interface OpenLoopOptions {
  url: string;
  /** Requests per second, sent evenly spaced. */
  rate: number;
  seconds: number;
  method?: 'GET' | 'POST';
  /** One set for every request, or several used in turn (request i gets headers[i % n]): many users' sessions. */
  headers?: Record<string, string> | Record<string, string>[];
  body?: string;
  /** Sockets kept open at most; a request waits for one when all are busy (and that wait counts). */
  maxSockets?: number;
}

/**
 * An open-loop load: request i is due at start + i / rate, whatever the server is doing, and its
 * latency runs from when it was due, not from when a socket was free, so a slow server cannot hide
 * its queue (coordinated omission).
 *
 * Not autocannon here: autocannon's rate limit hands each connection its quota at every second
 * boundary, so the whole second's requests leave together and the measured latency is mostly that
 * burst waiting for itself (a server that answers at once showed p99 54 ms at 50 requests/s).
 * Every request is answered or timed out before it returns, so counting rows afterwards is exact.
 */
export async function openLoop(options: OpenLoopOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];

  const headerSets = Array.isArray(options.headers) ? options.headers : [options.headers ?? {}];
  const send = (due: number, headers: Record<string, string> | undefined): Promise<void> =>
    new Promise((resolve) => {
      const done = (status: number | null): void => {
        latencies.push(performance.now() - due);
        if (status === null) errors += 1;
        else if (status >= 200 && status < 300) ok += 1;
        else non2xx += 1;
        resolve();
      };
      const req = request(options.url, { agent, method: options.method ?? 'GET', headers, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', () => done(null));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => done(null));
      req.end(options.body);
    });

  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(due, headerSets[i % headerSets.length]));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: (ok + non2xx) / seconds, p50: at(0.5), p99: at(0.99), ok, non2xx, errors, seconds };
}
