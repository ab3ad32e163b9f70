// Every secret value the run may print, masked in the log before anything runs.
import * as core from '../runner/commands.js'
import type { Settings } from '../inputs/parse.js'

export function maskSecrets(s: Settings, env: NodeJS.ProcessEnv = process.env): void {
  for (const sec of s.secrets) if (sec.kind === 'value' && sec.source) core.setSecret(sec.source)
  if (s.depotToken) core.setSecret(s.depotToken)
  if (s.githubToken) core.setSecret(s.githubToken)
  if (s.login) {
    core.setSecret(s.login.password)
    // the form docker keeps in config.json, should anything ever print it
    core.setSecret(Buffer.from(`${s.login.username}:${s.login.password}`).toString('base64'))
  }
  for (const sec of s.secrets) if (sec.kind === 'env' && env[sec.source]) core.setSecret(env[sec.source] ?? '')
}
