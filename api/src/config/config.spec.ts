import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-config-'));

  it('defaults to the embedded database on 127.0.0.1:3000 and seeds demo data there', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: null, seedDemo: true, nodeEnv: 'development' });
  });

  it('keeps one generated session secret per data dir', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(loadConfig({ DATA_DIR: dataDir }).jwtSecret);
  });

  it('never seeds demo passwords into an external database unless asked', () => {
    const external = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@db:5432/doorway' };
    expect(loadConfig(external).seedDemo).toBe(false);
    expect(loadConfig({ ...external, SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir, PORT: 'eighty', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe', NODE_ENV: 'staging' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'SEED_DEMO', 'NODE_ENV']) expect(problems).toContain(name);
  });

  it('requires a strong JWT_SECRET in production against an external database', () => {
    const production = { DATA_DIR: dataDir, NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/doorway' };
    expect(() => loadConfig(production)).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ ...production, JWT_SECRET: 'short' })).toThrow(/at least 32/);
  });
});

describe('TRUST_PROXY', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'doorway-config-'));
  const load = (value: string) => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: value }).trustProxy;

  it('believes only loopback by default, and takes true, a hop count or a list of ranges', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toEqual(['loopback']);
    expect(load('true')).toBe(true);
    expect(load('2')).toBe(2);
    expect(load('loopback, 10.0.0.0/8,172.16.0.0/12')).toEqual(['loopback', '10.0.0.0/8', '172.16.0.0/12']);
  });

  it('names the variable and what it allows when the value is wrong', () => {
    expect(() => load('everyone')).toThrow(/TRUST_PROXY must be true, false, a number of hops, or a comma-separated list/);
  });
});

describe('validation messages', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'doorway-config-'));
  /** The problems a configuration is refused for, or [] when it loads. */
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ DATA_DIR: dataDir, ...env });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('names the variable, the allowed values and the value given', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be an integer from 1 to 65535, got "abc"']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be an integer from 1 to 65535, got "70000"']);
    expect(problemsOf({ LOG_LEVEL: 'info' })).toEqual(['LOG_LEVEL must be one of error, warn, log, debug, got "info"']);
    expect(problemsOf({ SECURE_COOKIES: 'on' })).toEqual(['SECURE_COOKIES must be 1, 0, true, false, yes or no, got "on"']);
    expect(problemsOf({ SESSION_TTL_SECONDS: '10' })[0]).toMatch(/^SESSION_TTL_SECONDS must be an integer from 60 to 7776000/);
  });

  it('takes integers written as plain digits only', () => {
    for (const value of ['1e3', '0x50', '80.5', '-1']) {
      expect(problemsOf({ PORT: value })).toEqual([`PORT must be an integer from 1 to 65535, got "${value}"`]);
    }
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '8080', EMBEDDED_PG_PORT: '0' })).toMatchObject({ port: 8080, embeddedPostgresPort: 0 });
  });

  it('checks HOST is an address or a host name', () => {
    expect(problemsOf({ HOST: 'local host' })[0]).toMatch(/^HOST must be an IP address or host name/);
    for (const host of ['0.0.0.0', '::', '::1', 'api.internal', 'localhost']) expect(problemsOf({ HOST: host })).toEqual([]);
  });

  it('refuses a DATABASE_URL that is not postgres:// without repeating it (it may hold a password)', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://root:hunter2-secret@db/doorway' });
    expect(problem).toMatch(/^DATABASE_URL must be a URL like postgres:\/\/user:password@host:5432\/database, got a mysql: URL$/);
    expect(problemsOf({ DATABASE_URL: 'not a url' })[0]).toMatch(/got something else$/);
    expect(problemsOf({ DATABASE_URL: 'postgresql://u:p@db:5432/doorway' })).toEqual([]);
  });

  it('never repeats a JWT_SECRET that is too short', () => {
    const [problem] = problemsOf({ JWT_SECRET: 'tiny-secret' });
    expect(problem).toBe('JWT_SECRET must be at least 32 characters, got 11');
  });

  it('refuses a DATA_DIR that is a file and an explicit CLIENT_DIR that does not exist', () => {
    const file = join(dataDir, 'jwt-secret');
    loadConfig({ DATA_DIR: dataDir });
    expect(problemsOf({ DATA_DIR: file })[0]).toMatch(/^DATA_DIR must be a directory/);
    expect(problemsOf({ CLIENT_DIR: join(dataDir, 'missing') })[0]).toMatch(/^CLIENT_DIR must be an existing directory/);
    expect(loadConfig({ DATA_DIR: dataDir, CLIENT_DIR: '' }).clientDir).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir, CLIENT_DIR: dataDir }).clientDir).toBe(dataDir);
  });

  it('limits each user to 10 comments a minute unless COMMENT_RATE_LIMIT_PER_MINUTE says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).commentRateLimitPerMinute).toBe(10);
    expect(loadConfig({ DATA_DIR: dataDir, COMMENT_RATE_LIMIT_PER_MINUTE: '1000000' }).commentRateLimitPerMinute).toBe(1_000_000);
    expect(problemsOf({ COMMENT_RATE_LIMIT_PER_MINUTE: '0' })).toEqual(['COMMENT_RATE_LIMIT_PER_MINUTE must be an integer from 1 to 1000000, got "0"']);
    expect(problemsOf({ COMMENT_RATE_LIMIT_PER_MINUTE: 'ten' })[0]).toMatch(/^COMMENT_RATE_LIMIT_PER_MINUTE must be an integer/);
  });

  it('hides a contribution after 3 distinct reports unless MODERATION_REPORT_THRESHOLD says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).moderationReportThreshold).toBe(3);
    expect(loadConfig({ DATA_DIR: dataDir, MODERATION_REPORT_THRESHOLD: '5' }).moderationReportThreshold).toBe(5);
    expect(problemsOf({ MODERATION_REPORT_THRESHOLD: '0' })).toEqual(['MODERATION_REPORT_THRESHOLD must be an integer from 1 to 1000, got "0"']);
    expect(problemsOf({ MODERATION_REPORT_THRESHOLD: 'three' })[0]).toMatch(/^MODERATION_REPORT_THRESHOLD must be an integer/);
  });

  it('keeps the embedded database off the HTTP port', () => {
    expect(problemsOf({ PORT: '3600', EMBEDDED_PG_PORT: '3600' })).toEqual([
      'EMBEDDED_PG_PORT must differ from PORT (both are 3600); 0 picks a free port',
    ]);
  });
});
