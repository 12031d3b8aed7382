/** Unit specs beside the code; no database. */
export default {
  displayName: 'api',
  testEnvironment: 'node',
  rootDir: '..',
  roots: ['<rootDir>/api/src', '<rootDir>/seeds/src'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: {
    '^@doorway/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@doorway/seeds$': '<rootDir>/seeds/src/index.ts',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/api/tsconfig.spec.json' }] },
};
