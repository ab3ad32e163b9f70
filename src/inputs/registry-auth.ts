// registry-auth: several registry logins in one input, as docker/login-action defines it (a YAML
// list of registry, username, password, and its ecr and scope). Pure.
//
// The passwords are found twice: first in the text as given (passwordsAsGiven), so they can be
// masked before the YAML is parsed into anything an error could print, then from the parsed list.
// No error message quotes a value of the input: the YAML library's own messages carry a snippet
// of the source, so only their line number is kept.
import { parseDocument, isMap, isSeq, isScalar } from 'yaml'
import { InputError } from '../errors.js'
import { clip } from './lists.js'

export interface RegistryAuthEntry {
  /** host[:port]; '' is Docker Hub */
  readonly registry: string
  readonly username: string
  readonly password: string
}

const INPUT = 'registry-auth'
const KEYS = ['registry', 'username', 'password', 'ecr', 'scope']
const REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/
// docker/login-action's test for an ECR registry (private or public)
const ECR_HOST = /^\d{12}\.(?:dkr\.ecr|dkr-ecr)\.[^.]+\.(?:on\.aws|amazonaws\.(?:com(?:\.cn)?|eu))$|public\.ecr\.aws|ecr-public\.aws\.com/

/** The names Docker Hub goes by: one registry for duplicates, and the empty name docker login reads as Docker Hub. */
const DOCKER_HUB = new Set(['', 'docker.io', 'index.docker.io', 'registry-1.docker.io'])

/** One key for a registry, so the same one given twice (also as docker.io and '') is found. */
export function registryKey(registry: string): string {
  const r = registry.toLowerCase()
  return DOCKER_HUB.has(r) ? 'docker.io' : r
}

/** Keys whose values are not secret: the log keeps registries and user names readable. */
const PUBLIC_KEYS = new Set(['registry', 'username', 'ecr', 'scope'])

/**
 * Every value that may be a password in the input as given, found without parsing it: what
 * follows any key but registry, username, ecr and scope (so a misspelt `passwrd:` is masked too),
 * in block or flow style, with and without quotes, cut at a flow separator too, and the lines of
 * a block scalar (`password: |`).
 */
export function passwordsAsGiven(text: string): string[] {
  const found = new Set<string>()
  const add = (v: string, minLength = 1) => {
    const t = v.trim()
    if (t.length < minLength) return
    found.add(t)
    // also without its quotes, and without an unmatched one (a quote left open)
    const unquoted = t
      .replace(/^(["'])(.*)\1$/, '$2')
      .replace(/^["']/, '')
      .replace(/["']$/, '')
      .trim()
    if (unquoted.length >= minLength) found.add(unquoted)
  }
  const lines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const pairs = [...line.matchAll(/(?:^|[\s{,[-])["']?([A-Za-z_][\w.-]*)["']?\s*:(?:\s+|$)/g)]
    pairs.forEach((m, n) => {
      const key = m[1] ?? ''
      if (PUBLIC_KEYS.has(key)) return
      const rest = line.slice((m.index ?? 0) + m[0].length).trim()
      // `logout: false` in an entry is an error, not a secret: masking false would hide it everywhere
      if (key !== 'password' && /^(?:true|false|yes|no|on|off|null|~)$/i.test(rest)) return
      // the first key of a line has the whole rest as its value; a later one is a guess (flow style)
      const min = n === 0 ? 1 : 4
      if (/^[|>][-+0-9]*$/.test(rest)) {
        // a block scalar: its lines are those indented deeper than the key's line
        const indent = /^\s*/.exec(line)?.[0].length ?? 0
        const block: string[] = []
        for (let j = i + 1; j < lines.length; j++) {
          const l = lines[j] ?? ''
          if (l.trim() && (/^\s*/.exec(l)?.[0].length ?? 0) <= indent) break
          block.push(l.trim())
        }
        for (const b of block) add(b)
        add(block.filter(Boolean).join(rest.startsWith('>') ? ' ' : '\n'))
        return
      }
      add(rest, min)
      // flow style: {registry: r, password: p, username: u}
      add(rest.split(/[,}\]]/)[0] ?? '', min)
      add(rest.replace(/\s*[}\]]\s*(?:,.*)?$/, '').replace(/\s*,\s*$/, ''), min)
    })
  }
  return [...found]
}

/** The YAML list, read as strings only (the failsafe schema): a password 0123 stays 0123. */
export function parseRegistryAuth(text: string): RegistryAuthEntry[] {
  if (!text.trim()) return []
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true })
  if (doc.errors.length > 0) {
    const line = doc.errors[0]?.linePos?.[0]?.line
    throw new InputError(
      INPUT,
      `is not valid YAML${line ? ` (line ${line})` : ''}: expected a list of entries with registry, username and password (the text is not shown: it holds passwords)`
    )
  }
  const list = doc.contents
  if (!isSeq(list)) {
    throw new InputError(
      INPUT,
      'expected a YAML list of entries (each "- registry: ...", "username: ...", "password: ..."), as docker/login-action reads it'
    )
  }
  const entries = list.items.map((item, i) => parseEntry(item, i + 1))
  const seen = new Map<string, number>()
  entries.forEach((e, i) => {
    const key = registryKey(e.registry)
    const first = seen.get(key)
    if (first !== undefined)
      throw new InputError(INPUT, `entries ${first} and ${i + 1} both log in to ${e.registry || 'Docker Hub'}: one login per registry`)
    seen.set(key, i + 1)
  })
  return entries
}

function parseEntry(item: unknown, n: number): RegistryAuthEntry {
  const where = `entry ${n}`
  if (!isMap(item)) throw new InputError(INPUT, `${where} is not a mapping of registry, username and password`)
  const fields: Record<string, string> = {}
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!KEYS.includes(key)) {
      throw new InputError(
        INPUT,
        `${where}: unknown key ${JSON.stringify(clip(key, 40))} (known: ${KEYS.join(', ')}; logout is the logout input)`
      )
    }
    // only the key is named: the value may be a password
    if (!isScalar(pair.value) && pair.value !== null) throw new InputError(INPUT, `${where}: ${key} is not a single value`)
    fields[key] = isScalar(pair.value) ? String(pair.value.value ?? '') : ''
  }
  const registry = (fields['registry'] ?? '').trim()
  const username = (fields['username'] ?? '').trim()
  // one trailing line break, as a block scalar or a secret pasted from a file has, is not part of the password
  const password = (fields['password'] ?? '').replace(/\r?\n$/, '')
  const name = registry || 'Docker Hub'
  if (registry && !REGISTRY_HOST.test(registry)) {
    throw new InputError(
      INPUT,
      `${where}: registry ${JSON.stringify(clip(registry))} is not a registry host (host or host:port, e.g. ghcr.io, without https:// or a path)`
    )
  }
  const ecr = (fields['ecr'] ?? '').trim().toLowerCase() || 'auto'
  if (!['auto', 'true', 'false'].includes(ecr)) throw new InputError(INPUT, `${where} (${name}): ecr is not auto, true or false`)
  if (ecr === 'true' || (ecr === 'auto' && ECR_HOST.test(registry) && username !== 'AWS')) {
    throw new InputError(
      INPUT,
      `${where} (${name}): logging in to ECR with AWS access keys is not built in; give username AWS and a token from \`aws ecr get-login-password\` (or aws-actions/amazon-ecr-login's output) as password, or log in with docker/login-action before this step`
    )
  }
  if ((fields['scope'] ?? '').trim()) {
    throw new InputError(
      INPUT,
      `${where} (${name}): scope is not supported: this action logs in to the docker config every later step of the job reads; leave scope out, or log in with docker/login-action`
    )
  }
  if (!username && !password) throw new InputError(INPUT, `${where} (${name}): needs username and password`)
  if (!username) throw new InputError(INPUT, `${where} (${name}): has a password but no username`)
  if (!password)
    throw new InputError(
      INPUT,
      `${where} (${name}): password is empty for username ${JSON.stringify(clip(username))} (a secret that is not set in this repository reads as empty)`
    )
  if (/[\r\n]/.test(password)) throw new InputError(INPUT, `${where} (${name}): password contains a line break (value not shown)`)
  return { registry, username, password }
}
