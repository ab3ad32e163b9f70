import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { pluginCandidates, setupBuildx } from '../../../src/buildx/install.js'
import { refusingMirror, withToolCache } from '../refusing-mirror.js'

describe('pluginCandidates', () => {
  it('looks for the buildx plugin where the docker CLI does, DOCKER_CONFIG first', () => {
    expect(pluginCandidates({ DOCKER_CONFIG: '/cfg' }, '/home/u')[0]).toBe('/cfg/cli-plugins/docker-buildx')
    expect(pluginCandidates({}, '/home/u')[0]).toBe('/home/u/.docker/cli-plugins/docker-buildx')
    expect(pluginCandidates({}, '/home/u')).toContain('/usr/libexec/docker/cli-plugins/docker-buildx')
  })
})

describe('setupBuildx: a download mirror that refuses', () => {
  const runner = { run: () => Promise.reject(new Error('nothing runs before the download')) }

  it.each<[string, string, RegExp]>([
    [
      'a version',
      '0.29.1',
      /^buildx-download-url: cannot download http:\/\/127\.0\.0\.1:\d+\/mirror\/download\/v0\.29\.1\/checksums\.txt: /
    ],
    [
      'latest',
      'latest',
      /^buildx-download-url: cannot resolve latest: http:\/\/127\.0\.0\.1:\d+\/mirror\/latest\/download\/checksums\.txt: /
    ]
  ])('%s: the error names buildx-download-url, not buildx-version', async (_what, version, message) => {
    const mirror = await refusingMirror()
    const restore = withToolCache()
    try {
      const err = await setupBuildx(version, mirror.base, runner).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(err).toBeInstanceOf(InputError)
      expect((err as InputError).input).toBe('buildx-download-url')
      expect((err as Error).message).toMatch(message)
    } finally {
      restore()
      await mirror.close()
    }
  })
})
