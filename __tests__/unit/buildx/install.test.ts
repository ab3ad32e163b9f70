import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { setupBuildx } from '../../../src/buildx/install.js'
import { pluginCandidates } from '../../../src/buildx/plugin.js'
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

describe('setupBuildx: the default (buildx-version empty)', () => {
  /** the docker CLI as main found it on PATH, before any build */
  const DOCKER = '/opt/found/bin/docker'
  /** A machine whose only buildx is `docker buildx`, answering with this version (or not at all). */
  const machine = (answer: string | undefined) => ({
    run: (cmd: string, args: string[]) =>
      Promise.resolve(
        cmd === DOCKER && args.join(' ') === 'buildx version' && answer
          ? { code: 0, stdout: `github.com/docker/buildx ${answer} 0123abc\n`, stderr: '' }
          : { code: 127, stdout: '', stderr: 'not found' }
      )
  })
  const withNoPlugin = (): (() => void) => {
    const saved = process.env['DOCKER_CONFIG']
    process.env['DOCKER_CONFIG'] = '/nonexistent/docker-config'
    return () => {
      if (saved === undefined) delete process.env['DOCKER_CONFIG']
      else process.env['DOCKER_CONFIG'] = saved
    }
  }

  it.each<[string, string]>([
    ['0.13.1, the oldest tested', 'v0.13.1'],
    ['a newer one', 'v0.29.1+ds1']
  ])('takes the installed buildx when it is %s: nothing downloaded', async (_what, answer) => {
    const restore = withNoPlugin()
    try {
      const bx = await setupBuildx('', 'http://127.0.0.1:9/never-asked', machine(answer), '', DOCKER)
      expect(bx).toMatchObject({ cmd: DOCKER, prefix: ['buildx'], version: answer.replace(/^v|\+ds1$/g, '') })
    } finally {
      restore()
    }
  })

  it.each<[string, string | undefined]>([
    ['none is installed', undefined],
    ['the installed one is older than 0.13.0', 'v0.12.1']
  ])('downloads the latest release when %s', async (_what, answer) => {
    const restoreConfig = withNoPlugin()
    const mirror = await refusingMirror()
    const restore = withToolCache()
    try {
      const err = await setupBuildx('', mirror.base, machine(answer), '', DOCKER).then(
        () => undefined,
        (e: unknown) => e
      )
      // the refusing mirror shows the download was attempted: it names the latest release's checksums
      expect((err as Error).message).toMatch(/^buildx-download-url: cannot resolve latest: .*\/latest\/download\/checksums\.txt/)
    } finally {
      restore()
      restoreConfig()
      await mirror.close()
    }
  })

  it('installed: takes an old installed buildx as it is', async () => {
    const restore = withNoPlugin()
    try {
      expect((await setupBuildx('installed', '', machine('v0.12.1'), '', DOCKER)).version).toBe('0.12.1')
    } finally {
      restore()
    }
  })
})
