// Every secret value the run may print, masked in the log before anything runs.
import * as core from '../runner/commands.js'
import type { Settings } from '../inputs/parse.js'
import { passwordsAsGiven } from '../inputs/registry-auth.js'
import { keyUriSecrets } from '../inputs/sign.js'

/** The inputs that hold secret values. */
export const SECRET_INPUTS = ['password', 'secrets', 'depot-token', 'token', 'github-token', 'sign-key', 'sign-key-password'] as const

/**
 * Masks the secret inputs as given, before they are parsed: a malformed one fails the parse, and
 * nothing of it may reach the log, the state or the summary on the way out. Each line is masked,
 * and the part after its first '=' (an inline secret's value).
 */
export function maskRawSecretInputs(read: (name: string) => string): void {
  for (const name of SECRET_INPUTS) {
    const text = read(name)
    if (text.trim()) core.setSecret(text.trim())
    for (const raw of text.split(/\r\n|\r|\n/)) {
      const line = raw.trim()
      if (!line) continue
      core.setSecret(line)
      // (a PEM key's lines are base64, whose '=' padding is no separator)
      if (name.startsWith('sign-')) continue
      const value = line.slice(line.indexOf('=') + 1).trim()
      if (line.includes('=') && value) core.setSecret(value)
    }
  }
  // registry-auth is YAML whose other values (registries, usernames) stay readable in the log:
  // only what stands after the other keys (password, or a misspelt one) is masked, before the YAML is parsed
  for (const password of passwordsAsGiven(read('registry-auth'))) core.setSecret(password)
}

export function maskSecrets(s: Settings, env: NodeJS.ProcessEnv = process.env): void {
  for (const sec of s.secrets) if (sec.kind === 'value' && sec.source) core.setSecret(sec.source)
  if (s.depotToken) core.setSecret(s.depotToken)
  if (s.githubToken) core.setSecret(s.githubToken)
  for (const login of [...(s.login ? [s.login] : []), ...s.registryAuth]) {
    core.setSecret(login.password)
    // the form docker keeps in config.json, should anything ever print it
    core.setSecret(Buffer.from(`${login.username}:${login.password}`).toString('base64'))
  }
  for (const sec of s.secrets) if (sec.kind === 'env' && env[sec.source]) core.setSecret(env[sec.source] ?? '')
  if (s.sign.key.kind === 'pem') core.setSecret(s.sign.key.pem.trim())
  if (s.sign.key.kind === 'kms') for (const part of [s.sign.key.uri, ...keyUriSecrets(s.sign.key.uri)]) core.setSecret(part)
  if (s.sign.keyPassword) core.setSecret(s.sign.keyPassword)
}
