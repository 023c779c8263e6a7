// The ci-deploy workflow's `changes` job decides whether the test job runs. Its own shell step runs here on a
// throwaway clone of this repository with one commit on top, as GitHub runs it on a pull request: a root-only
// change (README, docs/, .github) still runs lint:root, and a shared root config reaches every package's tests.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, { if?: string; steps: { id?: string; run?: string }[] }>;
}

const workflow = parse(readFileSync(join(root, '.github/workflows/ci-deploy.yml'), 'utf8')) as Workflow;
const affectedStep = workflow.jobs.changes!.steps.find((s) => s.id === 'affected')!.run!;

describe('ci-deploy: which changes run the test job', () => {
  let clone: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], {
      cwd: clone,
      encoding: 'utf8',
    });
  /** Commits an appended line to `file` and runs the `affected` step against the commit before. */
  const changeAndDecide = (file: string) => {
    appendFileSync(join(clone, file), '\n');
    git('commit', '-qam', `touch ${file}`);
    const output = join(clone, '.github-output');
    rmSync(output, { force: true });
    execFileSync('bash', ['-eo', 'pipefail', '-c', affectedStep], {
      cwd: clone,
      env: {
        ...process.env,
        ...workflow.env,
        TURBO_TELEMETRY_DISABLED: '1',
        PR_BASE: git('rev-parse', 'HEAD~1').trim(),
        PUSH_BEFORE: '',
        MANUAL: 'false',
        GITHUB_OUTPUT: output,
      },
      stdio: 'ignore',
    });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return outputs;
  };

  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'ci-affected-'));
    execFileSync('git', ['clone', '-q', '--shared', root, clone]);
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('runs the test job on its command, not only when an app changed', () => {
    expect(workflow.jobs.test!.if).toBe("needs.changes.outputs.run == 'true'");
    const command = workflow.jobs.test!.steps.at(-1)!.run!;
    expect(command).toContain('$TEST_TASKS');
    expect(workflow.env.TEST_TASKS!.split(' ')).toEqual(
      expect.arrayContaining(['typecheck', 'lint', 'lint:root', 'test']),
    );
  });

  it('runs the test job (lint:root) for a change to the root README alone', () => {
    expect(changeAndDecide('README.md')).toMatchObject({ packages: '[]', apps: '[]', run: 'true' });
  });

  it('counts every package as affected by a change to the shared vitest config', () => {
    const outputs = changeAndDecide('vitest.shared.ts');
    expect(outputs.run).toBe('true');
    const packages = JSON.parse(outputs.packages!) as string[];
    for (const pkg of [
      'packages/shared',
      'apps/recommender',
      'apps/chatbot',
      'packages/e2e',
      'packages/tooling',
    ])
      expect(packages).toContain(pkg);
  });
});
