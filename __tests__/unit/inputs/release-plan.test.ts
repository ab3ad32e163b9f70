// mode: plan, the release workflow's first job: the build and merge matrices from the inputs.
import { describe, expect, it } from '@jest/globals'
import {
  parsePlatformList,
  parseReleaseInputs,
  parseRunners,
  planRelease,
  requestedBakeTargets,
  type ReleaseInputs
} from '../../../src/inputs/release-plan.js'

const RUNNERS = '{"linux/amd64":"ubuntu-24.04","linux/arm64":"ubuntu-24.04-arm"}'
/** The inputs as the release workflow gives them; '' for the rest (as core.getInput). */
const read =
  (given: Record<string, string>) =>
  (name: string): string =>
    ({ platforms: '["linux/amd64","linux/arm64"]', runners: RUNNERS, 'default-runner': 'ubuntu-24.04', tags: 'latest', ...given })[name] ??
    ''

const inputs = (given: Record<string, string>): ReleaseInputs => parseReleaseInputs(read(given))

describe('planRelease without bake', () => {
  it('target default, the image lowercased, bare tags applied to it, full references kept, runners per platform', () => {
    const plan = planRelease(
      inputs({ image: 'ghcr.io/Org/App', tags: '1.2.3\nlatest, ghcr.io/org/other:x', platforms: 'linux/amd64, linux/arm64,linux/riscv64' })
    )
    expect(plan.bake).toBe(false)
    expect(plan.matrix.include).toEqual([
      { target: 'default', platform: 'linux/amd64', runner: 'ubuntu-24.04', repository: 'ghcr.io/org/app', artifact: 'digest-t0-p0' },
      { target: 'default', platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', repository: 'ghcr.io/org/app', artifact: 'digest-t0-p1' },
      { target: 'default', platform: 'linux/riscv64', runner: 'ubuntu-24.04', repository: 'ghcr.io/org/app', artifact: 'digest-t0-p2' }
    ])
    expect(plan.merges.include).toEqual([
      {
        target: 'default',
        tags: 'ghcr.io/org/app:1.2.3\nghcr.io/org/app:latest\nghcr.io/org/other:x',
        digests: 'digest-t0-*',
        artifact: 'index-t0'
      }
    ])
  })
})

describe('planRelease with bake', () => {
  it('one build per target and platform, each target pushed to the repository of its first tag, self-hosted labels kept', () => {
    const r = inputs({
      files: 'docker-bake.hcl\nextra.hcl',
      targets: 'app,worker',
      platforms: '["linux/arm64"]',
      runners: '{"linux/arm64":["self-hosted","arm64"]}'
    })
    expect([r.files, r.targets]).toEqual([
      ['docker-bake.hcl', 'extra.hcl'],
      ['app', 'worker']
    ])
    const plan = planRelease(r, {
      app: { tags: ['ghcr.io/org/app:1.0', 'ghcr.io/org/app:latest'] },
      worker: { tags: ['localhost:5000/org/worker:1.0'] }
    })
    expect(plan.bake).toBe(true)
    expect(plan.matrix.include).toEqual([
      { target: 'app', platform: 'linux/arm64', runner: ['self-hosted', 'arm64'], repository: 'ghcr.io/org/app', artifact: 'digest-t0-p0' },
      {
        target: 'worker',
        platform: 'linux/arm64',
        runner: ['self-hosted', 'arm64'],
        repository: 'localhost:5000/org/worker',
        artifact: 'digest-t1-p0'
      }
    ])
    expect(plan.merges.include.map(m => [m.tags, m.digests, m.artifact])).toEqual([
      ['ghcr.io/org/app:1.0\nghcr.io/org/app:latest', 'digest-t0-*', 'index-t0'],
      ['localhost:5000/org/worker:1.0', 'digest-t1-*', 'index-t1']
    ])
  })

  it('only the targets asked for (bake --print group default), not those they link as target: contexts (buildx 0.13 and 0.29 print both)', () => {
    const printed = {
      group: { default: { targets: ['app'] } },
      target: { app: { tags: ['ghcr.io/org/app:1'] }, generated: {} }
    }
    expect(requestedBakeTargets(printed)).toEqual({ app: { tags: ['ghcr.io/org/app:1'] } })
    expect(planRelease(inputs({ targets: 'app' }), requestedBakeTargets(printed)).matrix.include.map(j => j.target)).toEqual(['app', 'app'])
    // no group printed: every target
    expect(requestedBakeTargets({ target: { a: {}, b: {} } })).toEqual({ a: {}, b: {} })
  })

  it('a bake target without tags names the input', () => {
    expect(() => planRelease(inputs({ targets: 'app' }), { app: {} })).toThrow(/^targets: bake target app has no tags/)
    expect(() => planRelease(inputs({ targets: 'app' }), {})).toThrow(/^targets: bake: no target to build/)
  })
})

describe('the plan inputs', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    ['no platform', { image: 'ghcr.io/org/app', platforms: '[]' }, /^platforms: no platform given/],
    ['platforms that are not a JSON list', { image: 'ghcr.io/org/app', platforms: '["linux/amd64"' }, /^platforms: not a JSON list/],
    ['a platform that is not one', { image: 'ghcr.io/org/app', platforms: 'linux' }, /^platforms: "linux" is not a platform/],
    ['a platform twice', { image: 'ghcr.io/org/app', platforms: 'linux/amd64,linux/amd64' }, /^platforms: a platform is listed twice/],
    ['runners that are not JSON', { image: 'ghcr.io/org/app', runners: 'ubuntu-24.04' }, /^runners: not a JSON map/],
    ['runners that are a list', { image: 'ghcr.io/org/app', runners: '["ubuntu-24.04"]' }, /^runners: not a JSON map of platform/],
    ['an empty runner label', { image: 'ghcr.io/org/app', runners: '{"linux/amd64":""}' }, /^runners: "linux\/amd64": a runner label/],
    ['no default runner', { image: 'ghcr.io/org/app', 'default-runner': ' ' }, /^default-runner: /],
    ['an image with bake', { image: 'ghcr.io/org/app', targets: 'app' }, /^image: is not used with bake/],
    ['a bad target name', { targets: 'app;rm' }, /^targets: "app;rm" is not a bake target name/]
  ])('%s: an error naming the input', (_name, given, message) => {
    expect(() => inputs(given)).toThrow(message)
  })

  it.each<[string, Record<string, string>, RegExp]>([
    ['no image', {}, /^image: the repository to push to is required/],
    ['an image that is no reference', { image: 'ghcr.io/org/app:' }, /^image: "ghcr.io\/org\/app:" is not an image reference/],
    ['a bare tag that is no tag', { image: 'ghcr.io/org/app', tags: '1.0 beta' }, /^tags: "1.0 beta" is not a tag/],
    ['no tag', { image: 'ghcr.io/org/app', tags: '' }, /^tags: at least one tag/]
  ])('%s: planning fails naming the input', (_name, given, message) => {
    expect(() => planRelease(inputs(given))).toThrow(message)
  })

  it('platforms as a JSON list or a comma or newline separated list; runners may be empty', () => {
    expect(parsePlatformList(' ["linux/amd64", "linux/arm/v7"] ')).toEqual(['linux/amd64', 'linux/arm/v7'])
    expect(parsePlatformList('linux/amd64,\nlinux/arm64')).toEqual(['linux/amd64', 'linux/arm64'])
    expect(parseRunners('')).toEqual({})
  })
})
