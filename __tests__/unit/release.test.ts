// The release checks of scripts/release-check.mjs (run by .github/workflows/release.yml on a
// pushed tag) and this repository's own CHANGELOG.md and package.json against them.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { changelogSection, newestOfMajor, releaseProblems } from '../../scripts/release-check.mjs'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '## [1.2.0] - 2026-12-01',
  '',
  '### Added',
  '- compare-with',
  '',
  '## [1.1.0] - 2026-11-01',
  '',
  '## [1.0.0] - 2026-10-01',
  '- first',
  '',
  '[1.2.0]: https://github.com/org/build-image-action/compare/v1.1.0...v1.2.0'
].join('\n')

describe('releaseProblems', () => {
  it.each<[string, string, string, string[], string | undefined]>([
    ['a release that agrees everywhere', 'v1.2.0', '1.2.0', [], 'v1'],
    ['the last section, its link references left out', 'v1.0.0', '1.0.0', [], 'v1'],
    ['package.json not bumped', 'v1.2.0', '1.1.0', ["package.json's version is '1.1.0', the tag says '1.2.0'"], undefined],
    ['no CHANGELOG section', 'v1.3.0', '1.3.0', ["CHANGELOG.md has no section '## [1.3.0] - YYYY-MM-DD'"], undefined],
    ['an empty CHANGELOG section', 'v1.1.0', '1.1.0', ["CHANGELOG.md's section for 1.1.0 is empty"], undefined],
    ['not a release tag', 'v1.2', '1.2.0', ["tag 'v1.2' is not vMAJOR.MINOR.PATCH (for example v1.2.3)"], undefined],
    [
      'a pre-release is not published through vX',
      'v1.2.0-rc.1',
      '1.2.0-rc.1',
      ["tag 'v1.2.0-rc.1' is not vMAJOR.MINOR.PATCH (for example v1.2.3)"],
      undefined
    ],
    ['the moving tag itself', 'v1', '1.2.0', ["tag 'v1' is not vMAJOR.MINOR.PATCH (for example v1.2.3)"], undefined],
    ['a leading zero', 'v01.2.0', '01.2.0', ["tag 'v01.2.0' is not vMAJOR.MINOR.PATCH (for example v1.2.3)"], undefined]
  ])('%s', (_name, tag, version, problems, major) => {
    expect(releaseProblems({ tag, version, changelog: CHANGELOG })).toEqual({ problems, major })
  })

  it('the notes are the section without its heading and link references', () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toEqual({ date: '2026-12-01', body: '\n### Added\n- compare-with\n' })
    expect(changelogSection(CHANGELOG, '1.2.0'.replace('.', 'x'))).toBeUndefined()
  })
})

describe('newestOfMajor: vX moves only forward', () => {
  it.each<[string, string, string[], boolean]>([
    ['the first release', 'v1.0.0', ['v1.0.0'], true],
    ['a newer minor', 'v1.3.0', ['v1', 'v1.0.0', 'v1.2.9', 'v1.3.0'], true],
    ['a patch of an older minor', 'v1.2.4', ['v1', 'v1.2.3', 'v1.3.0', 'v1.2.4'], false],
    ['other majors do not count', 'v1.4.0', ['v2.0.0', 'v1.3.0', 'v1.4.0'], true],
    ['a new major', 'v2.0.0', ['v1.9.9', 'v2.0.0'], true],
    ['11 is newer than 9 (numbers, not strings)', 'v1.11.0', ['v1.9.0', 'v1.11.0'], true],
    ['pre-releases and other tags are ignored', 'v1.1.0', ['v1.2.0-rc.1', 'latest', 'v1.1.0'], true]
  ])('%s', (_name, tag, tags, newest) => {
    expect(newestOfMajor(tag, tags)).toBe(newest)
  })
})

describe('this repository', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')

  it('CHANGELOG.md has an [Unreleased] section and a dated section for every released version', () => {
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
    for (const [, version] of changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)) {
      expect(changelogSection(changelog, version!)).toBeDefined()
    }
  })

  it('package.json is released only with its CHANGELOG section: before the first release it is 0.x', () => {
    const released = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map(m => m[1])
    if (released.length === 0) expect(pkg.version).toMatch(/^0\./)
    else expect(releaseProblems({ tag: `v${pkg.version}`, version: pkg.version, changelog }).problems).toEqual([])
  })
})
