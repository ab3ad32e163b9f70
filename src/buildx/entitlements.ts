// The entitlements a bake gets (buildx >= 0.19 asks for them: "additional privileges requested"):
// what the definition `bake --print` resolved needs, checked before the bake against what the run
// may grant. Pure: the caller resolves paths on disk (symlinks, the nearest existing folder).
import path from 'node:path'

/** A target as `bake --print` shows it: strings in older buildx, objects in newer. */
export interface DefinitionTarget {
  context?: string
  contexts?: Record<string, string>
  dockerfile?: string
  'dockerfile-inline'?: string
  output?: unknown[]
  'cache-from'?: unknown[]
  'cache-to'?: unknown[]
  secret?: unknown[]
  ssh?: unknown[]
  /** what the target asks the builder for (`network.host`, `security.insecure`) */
  entitlements?: unknown[]
}

export interface FsNeed {
  access: 'read' | 'write'
  /** absolute; for a file output, the folder it is written into */
  path: string
  /** for the log: e.g. "context of target app" */
  why: string
}

/** Not a local path to buildx: remote contexts, other targets, images. */
function isLocal(p: string): boolean {
  return !/^(https?|git|ssh):\/\/|^git@|^github\.com\/|^target:|^docker-image:|^oci-layout:/.test(p)
}

/** One CSV spec (`type=local,dest=/x`) or the object newer buildx prints, as a flat record. */
function fields(entry: unknown): Record<string, string> {
  if (typeof entry === 'object' && entry !== null) {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v
      else if (Array.isArray(v)) out[k] = v.filter(x => typeof x === 'string').join(',')
    }
    return out
  }
  if (typeof entry !== 'string') return {}
  const out: Record<string, string> = {}
  for (const part of entry.split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return out
}

/** What an output writes locally: a folder (local, oci/docker with tar=false) or a file (tar, oci, docker with dest). */
function outputNeed(entry: unknown): { dir?: string; file?: string } {
  if (typeof entry === 'string' && !entry.includes('=')) return entry && entry !== '-' ? { dir: entry } : {}
  const f = fields(entry)
  const dest = f['dest'] ?? ''
  if (!dest || dest === '-') return {}
  const tar = f['tar'] === undefined ? true : !/^(false|0)$/i.test(f['tar'])
  switch (f['type']) {
    case 'local':
      return { dir: dest }
    case 'tar':
      return { file: dest }
    case 'oci':
    case 'docker':
      return tar ? { file: dest } : { dir: dest }
    default:
      return {}
  }
}

/**
 * Every local path the definition reads (contexts, Dockerfiles, named contexts, local cache
 * sources, secret files, ssh keys) or writes (local, tar and OCI outputs, local cache), as buildx
 * checks them; `ssh` is needed when a target forwards the default agent.
 */
export function bakeFsNeeds(targets: Record<string, DefinitionTarget>, cwd: string): { needs: FsNeed[]; ssh: boolean } {
  const needs: FsNeed[] = []
  let ssh = false
  const abs = (p: string) => path.resolve(cwd, p.replace(/^cwd:\/\//, ''))
  for (const [name, t] of Object.entries(targets)) {
    const read = (p: string, what: string) => needs.push({ access: 'read', path: abs(p), why: `${what} of target ${name}` })
    const context = t.context ?? '.'
    if (isLocal(context)) {
      read(context, 'context')
      if (t.dockerfile && !t['dockerfile-inline'] && isLocal(t.dockerfile)) {
        read(path.resolve(abs(context), t.dockerfile.replace(/^cwd:\/\//, '')), 'Dockerfile')
      }
    }
    for (const [k, v] of Object.entries(t.contexts ?? {})) if (isLocal(v)) read(v, `context ${k}`)
    for (const c of t['cache-from'] ?? []) {
      const f = fields(c)
      if (f['type'] === 'local' && f['src']) read(f['src'], 'cache-from')
    }
    for (const c of t['cache-to'] ?? []) {
      const f = fields(c)
      if (f['type'] === 'local' && f['dest']) needs.push({ access: 'write', path: abs(f['dest']), why: `cache-to of target ${name}` })
    }
    for (const s of t.secret ?? []) {
      const f = fields(s)
      const src = f['src'] ?? f['source']
      if (src && f['type'] !== 'env') read(src, `secret ${f['id'] ?? ''}`.trim())
    }
    for (const s of t.ssh ?? []) {
      let paths: string[]
      if (typeof s === 'string') {
        const eq = s.indexOf('=')
        paths = eq < 0 ? [] : s.slice(eq + 1).split(',')
      } else paths = (fields(s)['paths'] ?? '').split(',')
      paths = paths.filter(Boolean)
      if (paths.length === 0) ssh = true
      for (const p of paths) read(p, 'ssh key')
    }
    for (const o of t.output ?? []) {
      const { dir, file } = outputNeed(o)
      if (dir) needs.push({ access: 'write', path: abs(dir), why: `output of target ${name}` })
      if (file) needs.push({ access: 'write', path: path.dirname(abs(file)), why: `output file ${path.basename(file)} of target ${name}` })
    }
  }
  return { needs, ssh }
}

/** The entitlements the targets ask for by name (`entitlements = ["network.host"]`), with the targets that ask. */
export function targetEntitlements(targets: Record<string, DefinitionTarget>): Map<string, string[]> {
  const asked = new Map<string, string[]>()
  for (const [name, t] of Object.entries(targets))
    for (const e of t.entitlements ?? []) if (typeof e === 'string' && e) asked.set(e, [...(asked.get(e) ?? []), name])
  return asked
}

function within(p: string, parent: string): boolean {
  return p === parent || parent === '/' || p.startsWith(parent.endsWith('/') ? parent : `${parent}/`)
}

/** Whether an --allow entry grants a need: `fs`, or `fs.read` / `fs.write` for its access, on `*` or a folder holding it. */
function entryGrants(entry: string, need: { access: 'read' | 'write'; path: string }, cwd: string, real: (p: string) => string): boolean {
  const m = /^fs(?:\.(read|write))?=(.+)$/.exec(entry.trim())
  if (!m?.[2]) return false
  if (m[1] && m[1] !== need.access) return false
  return m[2] === '*' || within(need.path, real(path.resolve(cwd, m[2])))
}

export interface BakeAllowRequest {
  needs: FsNeed[]
  /** the definition forwards the default ssh agent */
  ssh: boolean
  /** entitlements the targets ask for by name (targetEntitlements) */
  asked?: Map<string, string[]>
  /** the folder bake runs in: buildx grants what lies inside it */
  cwd: string
  /** what the workflow grants: the allow input (and, for a matrix, what its own inputs name) */
  allow: string[]
  /** the action's own files the bake reads (secret values written to its temp dir) */
  own: string[]
  /** '' on a trusted run; else the fork the run came from (runner/isolation.ts forkOf) */
  fork: string
  /** the path buildx checks: symlinks resolved, the nearest existing folder */
  real: (p: string) => string
}

export interface BakeAllow {
  /** the --allow entries */
  allow: string[]
  /** needs outside the bake's folder, resolved, for the log */
  outside: FsNeed[]
  /** untrusted runs: what the definition needs that allow does not grant (the bake must not run) */
  refused: string[]
  /** the definition forwards the ssh agent, which nothing asked for: not granted */
  sshNotAsked: boolean
}

/**
 * The --allow list of a bake. A trusted run gets what docker/bake-action gives (`fs=*`, then the
 * allow input) but `ssh` only when allow names it. A run from a fork gets the allow input and
 * nothing else: every path outside the bake's folder that allow does not cover, the ssh agent
 * unless allow names `ssh`, and an entitlement a target asks for that allow does not name, is
 * refused, whatever buildx would check (before 0.19 it checks nothing itself).
 */
export function bakeAllow(r: BakeAllowRequest): BakeAllow {
  const root = r.real(r.cwd)
  const outside = r.needs.map(n => ({ ...n, path: r.real(n.path) })).filter(n => !within(n.path, root))
  const askedSsh = r.allow.some(a => a.trim() === 'ssh')
  const own = r.own.map(f => `fs.read=${f}`)
  if (!r.fork) {
    return { allow: [...new Set(['fs=*', ...r.allow])], outside, refused: [], sshNotAsked: r.ssh && !askedSsh }
  }
  const granted = [...own, ...r.allow]
  const refused = outside.filter(n => !granted.some(g => entryGrants(g, n, r.cwd, r.real))).map(n => `fs.${n.access}=${n.path} (${n.why})`)
  if (r.ssh && !askedSsh) refused.push('ssh (a target forwards the default ssh agent)')
  for (const [e, names] of r.asked ?? []) if (!granted.includes(e)) refused.push(`${e} (entitlements of target ${names.join(', ')})`)
  return { allow: [...new Set(granted)], outside, refused: [...new Set(refused)], sshNotAsked: false }
}
