// The registry login inputs (docker/login-action's registry, username, password, and logout), more
// logins (registry-auth) and push-retries. Pure.
import type { RegistryLogin } from '../docker/login.js'
import { InputError } from '../errors.js'
import { clip, parseBool } from './lists.js'
import { parseRegistryAuth, registryKey } from './registry-auth.js'
import type { InputReader, Settings } from './settings.js'

const REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/

/** registry, username, password: all or nothing (registry alone means Docker Hub is not meant). */
export function parseLogin(read: InputReader): RegistryLogin | null {
  const registry = read('registry').trim()
  const username = read('username').trim()
  // one trailing line break, as a secret pasted from a file often has, is not part of the password
  const password = read('password').replace(/\r?\n$/, '')
  if (registry && !REGISTRY_HOST.test(registry)) {
    throw new InputError(
      'registry',
      `${JSON.stringify(clip(registry))} is not a registry host (host or host:port, e.g. ghcr.io, without https:// or a path)`
    )
  }
  if (!username && !password) {
    if (registry) throw new InputError('username', `logging in to ${registry} needs username and password`)
    return null
  }
  if (!username) throw new InputError('username', 'a password is given without a username')
  if (!password)
    throw new InputError(
      'password',
      `is empty: username ${JSON.stringify(clip(username))} has no password (a secret that is not set in this repository reads as empty)`
    )
  if (/[\r\n]/.test(password)) throw new InputError('password', 'contains a line break (value not shown)')
  return { registry, username, password }
}

/** logout, registry-auth and push-retries (read after the login and signing inputs). */
export function parseLoginOptions(read: InputReader): Pick<Settings, 'logout' | 'registryAuth' | 'pushRetries'> {
  return {
    logout: parseBool(read('logout'), 'logout', true),
    registryAuth: parseRegistryAuthInput(read),
    pushRetries: parsePushRetries(read)
  }
}

/** registry-auth, beside the login input: each registry once across both. */
function parseRegistryAuthInput(read: InputReader): RegistryLogin[] {
  const entries = parseRegistryAuth(read('registry-auth'))
  const single = read('username').trim() ? registryKey(read('registry').trim()) : undefined
  const clash = entries.findIndex(e => registryKey(e.registry) === single)
  if (clash >= 0)
    throw new InputError(
      'registry-auth',
      `entry ${clash + 1} logs in to ${entries[clash]?.registry || 'Docker Hub'}, which the registry, username and password inputs log in to already`
    )
  return entries
}

export const PUSH_RETRIES_MAX = 10

function parsePushRetries(read: InputReader): number {
  const raw = read('push-retries').trim() || '2'
  if (!/^\d+$/.test(raw) || Number(raw) > PUSH_RETRIES_MAX)
    throw new InputError(
      'push-retries',
      `expected a whole number from 0 (no retries) to ${PUSH_RETRIES_MAX}, got ${JSON.stringify(clip(raw))}`
    )
  return Number(raw)
}
