/** Checks on the workspace itself (e.g. that module boundaries are enforced). */
export default {
  displayName: 'tools',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/checks/**/*.spec.ts'],
  moduleNameMapper: { '^@doorway/contracts$': '<rootDir>/../libs/contracts/src/index.ts' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
};
