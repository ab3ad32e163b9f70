// The npm package the build-image CLI is installed from carries what it runs and nothing else:
// `npm pack`, then `npm install` of the tarball into an empty folder, offline (the bundle needs no
// dependency installed), and the CLI run from there. Real npm, no network.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const npm = (cwd: string, ...args: string[]): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })

describe('the npm package (real npm pack and an offline install of the tarball)', () => {
  let work: string
  let packed: { filename: string; unpackedSize: number; files: { path: string }[] }

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'bia-package-'))
    packed = (JSON.parse(npm(ROOT, 'pack', '--json', '--pack-destination', work)) as (typeof packed)[])[0]!
    npm(work, 'init', '-y')
    npm(work, 'install', '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename))
  }, 120_000)
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('holds dist/, action.yml, the README with the docs it links, CHANGELOG and licence: no sources, tests or benchmarks', () => {
    const files = packed.files.map(f => f.path).sort()
    const under = (dir: string): string[] =>
      readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter(e => e.isFile())
        .map(e => path.relative(ROOT, path.join(e.parentPath, e.name)))
    expect(files).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'action.yml', ...under('dist'), ...under('docs'), 'package.json'].sort())
    // the bundle is a few MB; the tests, sources and node_modules would be hundreds
    expect(packed.unpackedSize).toBeLessThan(20 * 1024 * 1024)
  })

  it('installs no other package: the dependencies are in the bundle', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(pkg['dependencies']).toBeUndefined()
    const installed = readdirSync(path.join(work, 'node_modules')).filter(n => !n.startsWith('.'))
    expect(installed).toEqual(['build-image-action'])
  })

  it('the installed build-image runs: --version is package.json’s, --help lists the action’s inputs', () => {
    const bin = path.join(work, 'node_modules/.bin/build-image')
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`build-image ${version}\n`)
    const help = execFileSync(bin, ['--help'], { encoding: 'utf8' })
    expect(help).toMatch(/--platform/)
    expect(help).toMatch(/--tag/)
  })
})
