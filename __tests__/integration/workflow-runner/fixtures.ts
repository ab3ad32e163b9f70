// What the release workflow's tests share: the action's repository (this checkout, tagged v1, with a
// later commit that fails), a separate calling repository (with an action of its own that fails),
// and the runner's options for the testbed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { NODE24, noteOutput, ROOT, testbedEnv, type Testbed } from '../harness.js'
import type { LocalRepository, RunOptions, RunRecord } from './runner.js'

export const ACTION = 'org/build-image-action'
export const CALLER = 'someone/app'

export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout.trim()
}

export type ActionRepository = LocalRepository & { v1: string; later: string }

/**
 * org/build-image-action: this checkout's files as they are (tracked and new; what .gitignore
 * leaves out stays out) committed and tagged v1, then a later commit whose main entry point fails.
 */
export function actionRepository(): ActionRepository {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-action-repo-'))
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, `--work-tree=${ROOT}`, 'add', '-A')
  git(dir, 'commit', '-qm', 'this checkout')
  git(dir, 'tag', 'v1')
  const v1 = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-qf', 'main')
  writeFileSync(path.join(dir, 'dist/main.js'), "console.log('::error::the later commit ran, not v1'); process.exit(1)\n")
  git(dir, 'commit', '-qam', 'a later commit')
  return { name: ACTION, dir, v1, later: git(dir, 'rev-parse', 'HEAD') }
}

/** The calling repository: its workflow, the hello example, and an action of its own that fails if run. */
export function callerRepository(workflow: string, files: Record<string, string> = {}): LocalRepository {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-caller-'))
  const all: Record<string, string> = {
    '.github/workflows/release.yml': workflow,
    'examples/hello/Dockerfile': readFileSync(path.join(ROOT, 'examples/hello/Dockerfile'), 'utf8'),
    'action.yml': "name: decoy\ndescription: the caller's own action\nruns:\n  using: node24\n  main: decoy.js\n",
    'decoy.js': 'console.log("::error::the caller\'s checkout ran"); process.exit(1)\n',
    ...files
  }
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'the app')
  return { name: CALLER, dir }
}

/** The runner's options: the testbed's docker, node 24, and the inputs the testbed stands in for. */
export function runnerOptions(tb: Testbed, action: ActionRepository, caller: LocalRepository, extra: Partial<RunOptions> = {}): RunOptions {
  return {
    caller,
    repositories: [action],
    env: testbedEnv(tb),
    node: NODE24,
    workdir: mkdtempSync(path.join(os.tmpdir(), 'bia-workflow-run-')),
    // the count reporter tells real builds by BuildKit's progress in a step's log
    onActionLog: noteOutput,
    // what the testbed stands in for: its BuildKit for docker-container, no transparency log for a key
    actionInputs: ({ with: w }) => ({
      'buildx-version': 'installed',
      ...(w['driver'] === 'docker-container' ? { driver: 'remote', endpoint: tb.buildkitAddr } : {}),
      ...(w['sign-key'] ? { 'sign-tlog': 'false' } : {})
    }),
    ...extra
  }
}

export const results = (run: RunRecord) => run.jobs.map(j => [j.id, j.result])
export const logs = (run: RunRecord) => run.jobs.flatMap(j => j.steps.map(s => s.log)).join('\n')
export const platformsOf = (index: { json: { manifests: Array<{ platform: { os: string; architecture: string } }> } }) =>
  index.json.manifests
    .filter(m => m.platform.os !== 'unknown')
    .map(m => `${m.platform.os}/${m.platform.architecture}`)
    .sort()
