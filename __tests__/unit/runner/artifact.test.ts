import { describe, expect, it } from '@jest/globals'
import { artifactServiceMissing } from '../../../src/runner/artifact.js'

const SERVICE = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results.example/' }

describe('artifactServiceMissing', () => {
  it.each<[string, NodeJS.ProcessEnv, RegExp | '']>([
    ['github.com', { ...SERVICE }, ''],
    ['github.com, given', { ...SERVICE, GITHUB_SERVER_URL: 'https://github.com' }, ''],
    ['GHE.com', { ...SERVICE, GITHUB_SERVER_URL: 'https://octo.ghe.com' }, ''],
    ['no token (the CLI)', { ACTIONS_RESULTS_URL: 'https://r/' }, /ACTIONS_RUNTIME_TOKEN/],
    ['no results URL', { ACTIONS_RUNTIME_TOKEN: 't' }, /ACTIONS_RESULTS_URL/],
    ['GitHub Enterprise Server', { ...SERVICE, GITHUB_SERVER_URL: 'https://git.corp.example' }, /Enterprise Server/]
  ])('%s', (_name, env, want) => {
    const got = artifactServiceMissing(env)
    if (want === '') expect(got).toBe('')
    else expect(got).toMatch(want)
  })
})
