// The ssh input: how its entries are joined after the comma split, and what a bake must be allowed
// for them. Pure.

/**
 * ssh is split on commas as docker's actions split it (`default,deploy=/key`), but buildx takes
 * several key files for one id (`deploy=/a,/b`): a field that is a path, with no `=`, belongs
 * to the entry before it.
 */
export function joinSshPaths(items: string[]): string[] {
  const out: string[] = []
  for (const item of items) {
    const prev = out[out.length - 1]
    if (prev?.includes('=') && !item.includes('=') && /^[./~]/.test(item)) out[out.length - 1] = `${prev},${item}`
    else out.push(item)
  }
  return out
}

/**
 * What bake (buildx >= 0.19) must be allowed for the ssh inputs of generated targets: reading each
 * key file, and forwarding an agent socket (an entry without paths, such as `default`).
 */
export function sshEntitlements(ssh: string[], resolve: (p: string) => string): string[] {
  const out = ssh.flatMap(entry => {
    const eq = entry.indexOf('=')
    if (eq < 0) return ['ssh']
    return entry
      .slice(eq + 1)
      .split(',')
      .filter(Boolean)
      .map(p => `fs.read=${resolve(p)}`)
  })
  return [...new Set(out)]
}
