// `npm start`: build what is out of date (Nx caches the rest), then run the API, which starts the
// embedded PostgreSQL, migrates, seeds an empty database and serves the client on one port.
import { spawn } from 'node:child_process';
import { bin, nxEnv, root, run } from './lib.mjs';

const built = await run(bin('nx'), ['run-many', '-t', 'build', '--projects=api,client', '--output-style=stream-without-prefixes']);
if (built !== 0) process.exit(built);

const server = spawn(process.execPath, ['dist/api/api/src/main.js'], { cwd: root, stdio: 'inherit', env: nxEnv });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
