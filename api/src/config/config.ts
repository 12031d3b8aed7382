import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const value = Number(raw);
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
  problems.push(`${name} must be 1 or 0, got "${raw}"`);
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
    if (given.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
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

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development', problems);
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  const dataDir = resolve(env['DATA_DIR'] || '.data');
  const host = env['HOST'] || '127.0.0.1';
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const embeddedPostgresPort = integer(env, 'EMBEDDED_PG_PORT', 0, 0, 65535, problems);
  // Demo passwords are public: only ever seed them into the throwaway embedded database, unless asked.
  const seedDemo = flag(env, 'SEED_DEMO', databaseUrl === null, problems);
  const sessionTtl = integer(env, 'SESSION_TTL_SECONDS', 7 * 24 * 3600, 60, 90 * 24 * 3600, problems);
  const secureCookies = flag(env, 'SECURE_COOKIES', nodeEnv === 'production', problems);
  const trustProxy = proxies(env, problems);
  const logLevel = oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log', problems);
  const clientDirRaw = env['CLIENT_DIR'] ?? 'dist/client/browser';
  const clientDir = clientDirRaw === '' ? null : resolve(clientDirRaw);
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
  };
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
