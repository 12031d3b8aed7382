import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { DestinationStream, Level, Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../../config/config';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a client or proxy may pass on: short, printable, nothing that could forge a log line. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const LEVELS: Record<AppConfig['logLevel'], Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

/** Probes call these every few seconds; a line each would bury the requests worth reading. */
const QUIET_PATHS = new Set(['/api/health', '/api/ready']);

/**
 * Whatever a log call is handed, these never reach the output. The request serializer below
 * already keeps headers and bodies out; this is the second line, for objects logged by hand.
 */
const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'jwtSecret', 'token', 'authorization', 'cookie'];
const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-xsrf-token"]',
  'req.body',
  'res.headers["set-cookie"]',
  'err.parameters',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/** The incoming X-Request-Id when it is well formed, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Fastify's genReqId: the id also goes on the raw request, where pino-http takes it from. */
export function assignRequestId(raw: IncomingMessage): string {
  const id = requestIdFor(raw.headers[REQUEST_ID_HEADER]);
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

interface SerializedRequest {
  id: string;
  method: string;
  url: string;
  remoteAddress?: string;
}

/** The one JSON logger of a process: stdout unless a test passes its own destination. */
export function createRootLogger(level: AppConfig['logLevel'], destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level: LEVELS[level],
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    // Synchronous writes: a line logged just before exit (shutdown, a crash) is not lost in a buffer.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/** nestjs-pino settings: every request logged once when it ends, on the root logger. */
export function loggerParams(root: PinoLogger): Params {
  return {
    // Every route, in the named-wildcard form of Nest 11's router: nestjs-pino's default ('*')
    // made Nest warn at each start that it had to convert "/api/*".
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger: root,
      // Set here, not on the root logger: pino-http's child logger would replace the root's with its defaults.
      serializers: {
        // Method, path and id only: headers carry cookies and tokens, bodies carry passwords.
        req: (req: SerializedRequest): SerializedRequest => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Nest's Fastify middleware may see the path relative to where it is mounted: originalUrl is the full one.
      autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => QUIET_PATHS.has(pathOf(req.originalUrl ?? req.url)) },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : 'info',
      // A 5xx without an exception gets a made-up Error from pino-http; its stack points into pino-http, so leave it out.
      customErrorObject: (_req: IncomingMessage, _res: ServerResponse, error: Error, fields: Record<string, unknown>) =>
        error.message.startsWith('failed with status code') ? { ...fields, err: undefined } : fields,
    },
  };
}

/**
 * Nest's Logger before the app exists (starting the embedded database, migrating, seeding), on
 * the same JSON logger; once the app is up, nestjs-pino's own Logger takes over.
 */
export class EarlyLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  /** Nest calls error(message, stack?, context?). */
  error(message: unknown, ...rest: unknown[]): void {
    const strings = rest.filter((part): part is string => typeof part === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = strings.length > 1 ? strings[0] : undefined;
    if (stack) this.root.error({ context, stack }, typeof message === 'string' ? message : JSON.stringify(message));
    else this.write('error', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: Level, message: unknown, context: string | undefined): void {
    if (message instanceof Error) this.root[level]({ context, err: message }, message.message);
    else this.root[level]({ context }, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
