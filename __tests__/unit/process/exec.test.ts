import { describe, expect, it } from '@jest/globals'
import { childEnv, processRunner } from '../../../src/process/exec.js'

describe('childEnv', () => {
  it('drops the action inputs and post state, keeps everything else', () => {
    const env = {
      PATH: '/bin',
      INPUT_PASSWORD: 'p',
      'INPUT_DEPOT-TOKEN': 't',
      INPUT_SECRETS: 'id=v',
      input_lower: 'x',
      STATE_state: '{}',
      DEPOT_TOKEN: 'kept on purpose',
      ACTIONS_RUNTIME_TOKEN: 'gha cache',
      MY_INPUT_X: 'not an input'
    }
    expect(childEnv(env)).toEqual({
      PATH: '/bin',
      DEPOT_TOKEN: 'kept on purpose',
      ACTIONS_RUNTIME_TOKEN: 'gha cache',
      MY_INPUT_X: 'not an input'
    })
  })

  it('is what a started process sees', async () => {
    const r = await processRunner.run('env', [], { env: { PATH: process.env['PATH'], INPUT_PASSWORD: 'p', KEEP: 'k' } })
    expect(r.stdout).toContain('KEEP=k')
    expect(r.stdout).not.toContain('INPUT_PASSWORD')
  })
})
