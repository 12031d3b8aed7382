import type { Config } from 'jest';
import { createCjsPreset } from 'jest-preset-angular/presets';

const config: Config = {
  displayName: 'client',
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: '.',
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // @jsverse/utils (used by Transloco) ships ES modules only, so it is compiled like Angular's .mjs files.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@angular/common/locales/.*\\.js$|@jsverse/))'],
  moduleNameMapper: {
    '^@doorway/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
  },
};

export default config;
