import { describe, expect, it } from '@jest/globals'
import { parseBuildxVersion } from '../../../src/buildx/version.js'

describe('parseBuildxVersion', () => {
  it.each<[string, string, string]>([
    ['release binary', 'github.com/docker/buildx v0.29.1 a9a5b7e6c0b4fb2b7b4d0c4cd02cba5d8c5b0f95\n', '0.29.1'],
    ['without v', 'github.com/docker/buildx 0.29.1 a9a5b7e6c0b4', '0.29.1'],
    ['Debian package', 'github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3\n', '0.13.1'],
    ['Docker Desktop', 'github.com/docker/buildx v0.29.1-desktop.1 8e5f2c3a', '0.29.1'],
    ['release candidate', 'github.com/docker/buildx v0.30.0-rc1 0123abcd', '0.30.0'],
    ['old version', 'github.com/docker/buildx v0.9.1 ed00243', '0.9.1'],
    ['two-digit parts', 'github.com/docker/buildx v10.21.300 x', '10.21.300'],
    ['other wording falls back to the first version', 'buildx version: 1.2.3', '1.2.3'],
    ['first version wins', 'github.com/docker/buildx v0.29.1 v0.28.0', '0.29.1'],
    ['empty', '', ''],
    ['plugin missing', "docker: 'buildx' is not a docker command.\nSee 'docker --help'", ''],
    ['no full version', 'github.com/docker/buildx v0.29 dev', '']
  ])('%s', (_what, out, want) => {
    expect(parseBuildxVersion(out)).toBe(want)
  })
})
