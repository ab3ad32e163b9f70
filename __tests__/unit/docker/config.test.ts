import { describe, expect, it } from '@jest/globals'
import { currentContextName, dockerConfigDir } from '../../../src/docker/config.js'

describe('currentContextName', () => {
  it.each([
    [{ DOCKER_HOST: 'unix:///x.sock', DOCKER_CONTEXT: 'ctx' }, '{"currentContext":"other"}', 'default'],
    [{ DOCKER_CONTEXT: 'ctx' }, '{"currentContext":"other"}', 'ctx'],
    [{}, '{"currentContext":"other"}', 'other'],
    [{}, undefined, 'default'],
    [{}, 'not json', 'default']
  ])('current context of %j with config %s is %s', (env, config, want) => expect(currentContextName(env, config)).toBe(want))
})

describe('dockerConfigDir', () => {
  it.each<[NodeJS.ProcessEnv, string]>([
    [{ DOCKER_CONFIG: '/cfg' }, '/cfg'],
    [{ DOCKER_CONFIG: '' }, '/home/u/.docker'],
    [{}, '/home/u/.docker']
  ])('%j -> %s', (env, want) => expect(dockerConfigDir(env, '/home/u')).toBe(want))
})
