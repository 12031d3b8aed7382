import { join } from 'node:path';
import { register } from 'tsconfig-paths';

/**
 * jest's globalSetup runs outside jest's module registry, so moduleNameMapper does not apply
 * there; map the workspace aliases by hand. Import this before anything that uses them.
 */
const root = join(__dirname, '..', '..', '..');
register({
  baseUrl: root,
  paths: {
    '@doorway/contracts': ['libs/contracts/src/index.ts'],
    '@doorway/seeds': ['seeds/src/index.ts'],
  },
});
