// The file-system entitlements a bake needs (buildx >= 0.19 asks for them: "additional privileges
// requested"), worked out from the definition `bake --print` resolved, before the bake. Pure: the
// caller resolves paths on disk (symlinks, the nearest existing folder) the way buildx does.
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

function within(p: string, parent: string): boolean {
  return p === parent || parent === '/' || p.startsWith(parent.endsWith('/') ? parent : `${parent}/`)
}

export interface Grant {
  entitlement: string
  why: string[]
}

/**
 * The --allow entries for the needs: paths under the bake's working directory need none (buildx
 * grants them), a path inside another granted one adds nothing, and each entry says why.
 * `real` maps a path to the one buildx checks (symlinks resolved; the nearest existing folder).
 */
export function fsGrants(needs: FsNeed[], ssh: boolean, cwd: string, real: (p: string) => string): Grant[] {
  const root = real(cwd)
  const grants: Grant[] = []
  for (const access of ['read', 'write'] as const) {
    const paths = new Map<string, string[]>()
    for (const n of needs.filter(x => x.access === access)) {
      const p = real(n.path)
      if (within(p, root)) continue
      paths.set(p, [...(paths.get(p) ?? []), n.why])
    }
    // shortest first, so a folder's grant covers what lies inside it
    const sorted = [...paths.keys()].sort((a, b) => a.length - b.length || a.localeCompare(b))
    const kept: Grant[] = []
    const keptPaths: string[] = []
    for (const p of sorted) {
      const i = keptPaths.findIndex(k => within(p, k))
      const why = paths.get(p) ?? []
      if (i >= 0) kept[i]?.why.push(...why)
      else {
        keptPaths.push(p)
        kept.push({ entitlement: `fs.${access}=${p}`, why: [...why] })
      }
    }
    grants.push(...kept)
  }
  if (ssh) grants.push({ entitlement: 'ssh', why: ['the default ssh agent'] })
  return grants
}
