import { Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** How long requests in flight may take to finish once the app is told to stop. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Waits for the requests in flight before the database goes away. Nest runs the hooks in this
 * order: onModuleDestroy (event streams end, export workers stop), beforeApplicationShutdown
 * (this: the HTTP server drains), then the HTTP adapter closes and TypeORM disconnects in
 * onApplicationShutdown. main.ts stops accepting connections before any of it.
 */
@Injectable()
export class HttpDrain implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private server: Server | null = null;
  private listened = false;
  /** Settles when the server has closed and its last connection has ended. */
  private closed: Promise<void> = Promise.resolve();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server = server;
    server.once('listening', () => (this.listened = true));
    this.closed = new Promise((resolve) => server.once('close', () => resolve()));
  }

  /** Stops accepting connections; idle keep-alive connections close now, busy ones after their answer. */
  stopAccepting(): void {
    if (this.server?.listening) this.server.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    // Served only through inject() (tests): nothing listened, so nothing needs to drain.
    if (!server || !this.listened) return;
    this.stopAccepting();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), DRAIN_TIMEOUT_MS);
    });
    // Node closes the connections that are idle when close() is called; a keep-alive connection
    // whose answer (or event stream) ends later would otherwise wait for its client to hang up.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const late = await Promise.race([this.closed.then(() => false), timedOut]);
    clearInterval(sweep);
    clearTimeout(timer);
    if (late) {
      this.logger.warn(`Requests still open after ${DRAIN_TIMEOUT_MS / 1000} s: closing their connections`);
      server.closeAllConnections();
    }
  }
}
