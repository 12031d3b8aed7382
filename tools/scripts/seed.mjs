// `npm run seed`: migrate and run the idempotent seeder against DATABASE_URL or the embedded database.
import { bin, run } from './lib.mjs';

const built = await run(bin('nx'), ['run', 'api:build']);
if (built !== 0) process.exit(built);
process.exit(await run(process.execPath, ['dist/api/api/src/seed-cli.js']));
