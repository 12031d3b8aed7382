import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Set: use that PostgreSQL server. Unset: start the embedded one. */
  databaseUrl: string | null;
  dataDir: string;
  /** Port of the embedded PostgreSQL; 0 picks a free one. */
  embeddedPostgresPort: number;
  /** Seed the demo accounts and content when the database is empty. */
  seedDemo: boolean;
  jwtSecret: string;
  /** Session lifetime in seconds. */
  sessionTtl: number;
  /** Send cookies with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /**
   * Which proxies' X-Forwarded-For / -Proto to believe (Fastify's trustProxy): true, a hop
   * count, or a list of addresses and CIDR ranges. Only loopback unless configured.
   */
  trustProxy: boolean | number | string[];
  /** The built Angular app to serve beside the API; null serves the API only. */
  clientDir: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Reports from this many distinct people hide a contribution until an editor reviews it. */
  moderationReportThreshold: number;
  /** Comments, replies and suggestions one user may post per minute (429 beyond). */
  commentRateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Digits only: Number() would also take "1e3", " 80 " or "0x50".
  const value = /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be 1, 0, true, false, yes or no, got "${raw}"`);
  return fallback;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return fallback;
}

/**
 * Without JWT_SECRET a local install keeps a random secret in the data dir, so sessions survive
 * restarts; production (DATABASE_URL set and NODE_ENV=production) must set one.
 */
function jwtSecret(env: Env, dataDir: string, required: boolean, problems: string[]): string {
  const given = env['JWT_SECRET'];
  if (given) {
    // The value itself is a secret: say only how long it is.
    if (given.length < 32) problems.push(`JWT_SECRET must be at least 32 characters, got ${given.length}`);
    return given;
  }
  if (required) {
    problems.push('JWT_SECRET is required in production');
    return '';
  }
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Reads and checks the environment; throws ConfigError naming every bad variable. */
const ADDRESS_OR_RANGE = /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i;

function proxies(env: Env, problems: string[]): boolean | number | string[] {
  const raw = (env['TRUST_PROXY'] ?? '').trim();
  if (raw === '') return ['loopback'];
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((part) => part.trim());
  if (list.every((part) => ADDRESS_OR_RANGE.test(part))) return list;
  problems.push(`TRUST_PROXY must be true, false, a number of hops, or a comma-separated list of addresses or CIDR ranges (e.g. "loopback,10.0.0.0/8"), got "${raw}"`);
  return ['loopback'];
}

/** A postgres:// URL or nothing. The message never repeats the value: it may hold a password. */
function postgresUrl(env: Env, problems: string[]): string | null {
  const raw = env['DATABASE_URL'];
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || url.hostname === '') {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1];
    problems.push(
      `DATABASE_URL must be a URL like postgres://user:password@host:5432/database, got ${scheme ? `a ${scheme}: URL` : 'something else'}`,
    );
    return null;
  }
  return raw;
}

/** A directory path; wrong when something other than a directory already sits there. */
function directory(env: Env, name: string, fallback: string, problems: string[]): string | null {
  const raw = env[name];
  const path = resolve(raw === undefined || raw === '' ? fallback : raw);
  const found = statSync(path, { throwIfNoEntry: false });
  if (found && !found.isDirectory()) {
    problems.push(`${name} must be a directory (or a path where one can be created), got the file "${raw ?? fallback}"`);
    return null;
  }
  return path;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV6 = /^[0-9a-f:.]+$/i;

function hostName(env: Env, problems: string[]): string {
  const raw = env['HOST'];
  if (raw === undefined || raw === '') return '127.0.0.1';
  if (HOST_NAME.test(raw) || (raw.includes(':') && IPV6.test(raw))) return raw;
  problems.push(`HOST must be an IP address or host name to listen on (e.g. 127.0.0.1, 0.0.0.0 or ::), got "${raw}"`);
  return '127.0.0.1';
}

/** The built client; empty serves the API alone. An explicit directory that is missing is a mistake worth stopping for. */
function clientDirectory(env: Env, problems: string[]): string | null {
  const raw = env['CLIENT_DIR'];
  if (raw === '') return null;
  if (raw === undefined) return resolve('dist/client/browser');
  const path = resolve(raw);
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    problems.push(`CLIENT_DIR must be an existing directory holding the built client, or empty to serve the API alone, got "${raw}"`);
    return null;
  }
  return path;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development', problems);
  const databaseUrl = postgresUrl(env, problems);
  const dataDir = directory(env, 'DATA_DIR', '.data', problems) ?? resolve('.data');
  const host = hostName(env, problems);
  const port = integer(env, 'PORT', 3000, 1, 65535, problems);
  const embeddedPostgresPort = integer(env, 'EMBEDDED_PG_PORT', 0, 0, 65535, problems);
  if (databaseUrl === null && embeddedPostgresPort !== 0 && embeddedPostgresPort === port) {
    problems.push(`EMBEDDED_PG_PORT must differ from PORT (both are ${port}); 0 picks a free port`);
  }
  // Demo passwords are public: only ever seed them into the throwaway embedded database, unless asked.
  const seedDemo = flag(env, 'SEED_DEMO', databaseUrl === null, problems);
  const sessionTtl = integer(env, 'SESSION_TTL_SECONDS', 7 * 24 * 3600, 60, 90 * 24 * 3600, problems);
  const secureCookies = flag(env, 'SECURE_COOKIES', nodeEnv === 'production', problems);
  const trustProxy = proxies(env, problems);
  const commentRateLimitPerMinute = integer(env, 'COMMENT_RATE_LIMIT_PER_MINUTE', 10, 1, 1_000_000, problems);
  const logLevel = oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log', problems);
  const moderationReportThreshold = integer(env, 'MODERATION_REPORT_THRESHOLD', 3, 1, 1000, problems);
  const clientDir = clientDirectory(env, problems);
  const secret = jwtSecret(env, dataDir, nodeEnv === 'production' && databaseUrl !== null, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv,
    host,
    port,
    databaseUrl,
    dataDir,
    embeddedPostgresPort,
    seedDemo,
    jwtSecret: secret,
    sessionTtl,
    secureCookies,
    trustProxy,
    clientDir,
    logLevel,
    moderationReportThreshold,
    commentRateLimitPerMinute,
  };
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
