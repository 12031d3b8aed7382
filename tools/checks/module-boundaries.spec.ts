import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';

/**
 * Proves the Nx module boundaries are enforced, not just declared: lint a file that crosses a
 * boundary and expect the rule to fire.
 */
describe('module boundaries', () => {
  const root = join(__dirname, '..', '..');

  beforeAll(async () => {
    process.env['NX_DAEMON'] = 'false';
    // The rule reads Nx's cached project graph; make sure there is one.
    await createProjectGraphAsync({ exitOnError: false });
  }, 60_000);

  /** Lints code as if it lived at `file`, through the real ESLint CLI and config; nothing is written. */
  const lint = async (file: string, code: string): Promise<string[]> => {
    let output: string;
    try {
      output = execFileSync(join(root, 'node_modules', '.bin', 'eslint'), ['--format', 'json', '--stdin', '--stdin-filename', file], {
        cwd: root,
        input: code,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false' },
      });
    } catch (error) {
      // ESLint exits 1 when it reports errors; its JSON report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const [result] = JSON.parse(output) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  };

  it('stops the client from importing the API', async () => {
    const messages = await lint('client/src/app/leak.ts', "import { AuthService } from '../../../api/src/modules/auth/auth.service';\nexport const x = AuthService;\n");
    expect(messages.join('\n')).toMatch(/Projects cannot be imported by a relative or absolute path/);
  });

  it('stops the client from importing a library outside its scope', async () => {
    const messages = await lint('client/src/app/leak.ts', "import { seed } from '@doorway/seeds';\nexport const x = seed;\n");
    expect(messages.join('\n')).toMatch(/tagged with "scope:client" can only depend on libs tagged with "scope:shared"/);
  });

  it('lets the API import the contracts', async () => {
    expect(await lint('api/src/ok.ts', "import { LIMITS } from '@doorway/contracts';\nexport const x = LIMITS;\n")).toEqual([]);
  });
});
