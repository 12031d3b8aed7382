/** API integration tests: the real Nest app on a real, migrated PostgreSQL (see test/global-setup.ts). */
export default {
  displayName: 'api-integration',
  testEnvironment: 'node',
  rootDir: '..',
  roots: ['<rootDir>/api/test', '<rootDir>/tools/dataset'],
  testMatch: ['**/*.int-spec.ts'],
  globalSetup: '<rootDir>/api/test/global-setup.ts',
  globalTeardown: '<rootDir>/api/test/global-teardown.ts',
  testTimeout: 30_000,
  moduleNameMapper: {
    '^@doorway/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@doorway/seeds$': '<rootDir>/seeds/src/index.ts',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/api/tsconfig.spec.json' }] },
};
