import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { callFlagValue, callIgnoresStatus, parseCall, type CallRequest } from '../../../src/inputs/call.js'
import { checkAgainstCapabilities, parseInputs, type Capabilities } from '../../../src/inputs/parse.js'

describe('parseCall', () => {
  it.each<[string, CallRequest, string]>([
    ['', { name: 'build', options: [] }, 'build,format=json'],
    ['build', { name: 'build', options: [] }, 'build,format=json'],
    ['check', { name: 'check', options: [] }, 'check,format=json'],
    [' Check ', { name: 'check', options: [] }, 'check,format=json'],
    ['outline', { name: 'outline', options: [] }, 'outline,format=json'],
    ['targets,format=json', { name: 'targets', options: [] }, 'targets,format=json'],
    ['check,ignorestatus=true', { name: 'check', options: ['ignorestatus=true'] }, 'check,format=json,ignorestatus=true'],
    ['check, format=JSON, ignorestatus=FALSE', { name: 'check', options: ['ignorestatus=false'] }, 'check,format=json,ignorestatus=false']
  ])('%j', (raw, want, flag) => {
    expect(parseCall(raw)).toEqual(want)
    expect(callFlagValue(parseCall(raw))).toBe(flag)
  })

  it.each<[string, RegExp]>([
    ['lint', /^call: "lint" is not one of build, check, outline, targets$/],
    ['check,format=text', /^call: format=text: the action reads the result as JSON/],
    ['check,error=true', /not an option buildx takes .*# check=error=true/],
    ['check,ignorestatus=maybe', /^call: ignorestatus=maybe is not true or false$/],
    ['build,ignorestatus=true', /^call: build takes no options$/]
  ])('refuses %j', (raw, message) => {
    expect(() => parseCall(raw)).toThrow(InputError)
    expect(() => parseCall(raw)).toThrow(message)
  })

  it('ignorestatus=true is the only way check does not fail on warnings', () => {
    expect(callIgnoresStatus(parseCall('check,ignorestatus=true'))).toBe(true)
    expect(callIgnoresStatus(parseCall('check,ignorestatus=false'))).toBe(false)
    expect(callIgnoresStatus(parseCall('check'))).toBe(false)
  })
})

describe('call among the other inputs', () => {
  const read = (over: Record<string, string>) => (name: string) => over[name] ?? ''
  const refusal = (over: Record<string, string>): string => {
    try {
      parseInputs(read(over))
    } catch (e) {
      expect(e).toBeInstanceOf(InputError)
      expect((e as InputError).input).toBe('call')
      return (e as Error).message
    }
    return ''
  }
  it.each<[string, Record<string, string>, RegExp | '']>([
    ['merge', { mode: 'merge', call: 'check', tags: 'r/a:1', digests: `sha256:${'a'.repeat(64)}` }, /mode: merge builds nothing/],
    [
      'platform-split',
      { call: 'check', 'platform-split': 'true', push: 'true', platforms: 'linux/amd64,linux/arm64', tags: 'r/a:1' },
      /drop platform-split/
    ],
    ['engine depot', { call: 'outline', engine: 'depot' }, /depot CLI does not have/],
    ['engine depot with fallback', { call: 'outline', engine: 'depot', 'depot-fallback': 'true' }, ''],
    ['a bake', { call: 'check', files: 'docker-bake.hcl' }, '']
  ])('%s', (_what, over, want) => {
    if (want === '') expect(() => parseInputs(read(over))).not.toThrow()
    else expect(refusal(over)).toMatch(want)
  })

  const caps = (buildxVersion: string): Capabilities => ({
    buildxVersion,
    containerdStore: true,
    historyAttachments: false,
    driver: 'docker'
  })
  it.each<[string, string, 'build' | 'bake', boolean]>([
    ['check', '0.13.1', 'build', false],
    ['check', '0.15.0', 'build', true],
    ['check', '0.15.1', 'bake', false],
    ['targets', '0.16.0', 'bake', true],
    ['', '0.13.1', 'bake', true]
  ])('call %j on buildx %s (%s): allowed %s', (call, version, kind, ok) => {
    const s = parseInputs(read({ call }))
    if (ok) expect(() => checkAgainstCapabilities(s, caps(version), kind)).not.toThrow()
    else
      expect(() => checkAgainstCapabilities(s, caps(version), kind)).toThrow(
        new RegExp(
          `^call: ${call} needs buildx 0\\.1[56]\\.0 or later for ${kind} --call; this buildx is ${version.replaceAll('.', '\\.')}$`
        )
      )
  })
})
