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
