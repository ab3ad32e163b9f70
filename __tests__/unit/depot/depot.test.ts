import { describe, expect, it } from '@jest/globals'
import { DepotUnavailable } from '../../../src/errors.js'
import { setupDepot } from '../../../src/depot/depot.js'
import { DEFAULT_SETTINGS } from '../default-settings.js'
import { refusingMirror, withToolCache } from '../refusing-mirror.js'

describe('setupDepot: a download mirror that refuses', () => {
  const runner = { run: () => Promise.reject(new Error('nothing runs before the download')) }

  it.each<[string, string, RegExp]>([
    [
      'a version',
      '2.100.0',
      /^depot-download-url: cannot download http:\/\/127\.0\.0\.1:\d+\/mirror\/download\/v2\.100\.0\/depot_2\.100\.0_checksums\.txt: /
    ],
    [
      'latest',
      'latest',
      /^depot-download-url: cannot resolve latest: http:\/\/127\.0\.0\.1:\d+\/mirror\/latest led to .*, which names no release tag$/
    ]
  ])('%s: the error names depot-download-url, not depot-version', async (_what, depotVersion, message) => {
    const mirror = await refusingMirror()
    const restore = withToolCache()
    try {
      const err = await setupDepot({ ...DEFAULT_SETTINGS, depotVersion, depotDownloadUrl: mirror.base }, runner).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(err).toBeInstanceOf(DepotUnavailable)
      expect((err as Error).message).toMatch(message)
    } finally {
      restore()
      await mirror.close()
    }
  })
})
