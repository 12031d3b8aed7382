// `npm run dev`: the API recompiles and restarts on change (tsc --watch + node --watch), and the
// Angular dev server reloads the browser, proxying /api to the API on port 3000.
import { spawn } from 'node:child_process';
import { bin, nxEnv, root, run } from './lib.mjs';

const first = await run(bin('nx'), ['run', 'api:build']);
if (first !== 0) process.exit(first);

const children = [
  spawn(bin('tsc'), ['-p', 'api/tsconfig.app.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit', env: nxEnv }),
  spawn(bin('tsc-alias'), ['-p', 'api/tsconfig.app.json', '--watch'], { cwd: root, stdio: 'inherit', env: nxEnv }),
  spawn(process.execPath, ['--watch-path=dist/api', 'dist/api/api/src/main.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...nxEnv, CLIENT_DIR: '' },
  }),
  spawn(bin('nx'), ['run', 'client:serve', '--port=4200'], { cwd: root, stdio: 'inherit', env: nxEnv }),
];
console.log('\nDoorway dev: open http://localhost:4200 (API on http://localhost:3000/api)\n');
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
