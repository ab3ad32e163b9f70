// Dockerfiles read as the BuildKit Dockerfile frontend reads them, as far as the base image of a
// stage goes: instructions, global ARGs and the shell-word expansion of FROM and ARG values. Pure.

interface Instruction {
  keyword: string
  args: string
}

/** Joins continuation lines, drops comments and heredoc bodies; returns the instructions. */
function instructions(dockerfile: string): { escape: string; list: Instruction[] } {
  const lines = dockerfile.replace(/^\uFEFF/, '').split(/\r?\n/)
  let escape = '\\'
  // Parser directives: only at the very top, before any blank line, comment or instruction.
  let i = 0
  for (; i < lines.length; i++) {
    const d = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(\S+)\s*$/.exec(lines[i] ?? '')
    if (!d) break
    if ((d[1] ?? '').toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) escape = d[2]
  }
  const continued = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`)
  const out: Instruction[] = []
  while (i < lines.length) {
    let line = lines[i++] ?? ''
    if (/^\s*(#|$)/.test(line)) continue
    let text = ''
    while (continued.test(line) && i < lines.length) {
      text += line.replace(continued, '')
      // Comment and empty lines inside a continuation are skipped.
      do {
        line = lines[i++] ?? ''
      } while (i < lines.length && /^\s*(#|$)/.test(line))
    }
    text += continued.test(line) ? line.replace(continued, '') : line
    const m = /^\s*(\S+)\s*(.*)$/.exec(text)
    if (!m) continue
    const keyword = (m[1] ?? '').toUpperCase()
    const args = (m[2] ?? '').trim()
    out.push({ keyword, args })
    // Heredocs (RUN <<EOF ... EOF): skip their bodies, which may contain anything.
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const h of args.matchAll(/(?<!<)<<(?!<)(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const word = h[3] ?? ''
        const strip = h[1] === '-'
        while (i < lines.length) {
          const body = lines[i++] ?? ''
          if ((strip ? body.replace(/^\t+/, '') : body) === word) break
        }
      }
    }
  }
  return { escape, list: out }
}

/**
 * Shell-style word expansion as the Dockerfile frontend does it for FROM and ARG values:
 * $VAR, ${VAR}, ${VAR:-word}, ${VAR-word}, ${VAR:+word}, ${VAR+word}; single quotes are literal,
 * double quotes are removed, the escape character protects the next character.
 */
function expand(word: string, env: Map<string, string>, escape: string): string {
  let out = ''
  let quote: '' | '"' | "'" = ''
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? ''
    if (quote === "'") {
      if (c === "'") quote = ''
      else out += c
      continue
    }
    if (c === escape && i + 1 < word.length) {
      out += word[i + 1]
      i++
      continue
    }
    if (c === '"' || (c === "'" && quote === '')) {
      if (quote === c) quote = ''
      else if (quote === '') quote = c
      else out += c
      continue
    }
    if (c !== '$') {
      out += c
      continue
    }
    if (word[i + 1] === '{') {
      // Find the matching brace, allowing nested ${...} in the word after the operator.
      let depth = 0
      let j = i + 1
      for (; j < word.length; j++) {
        if (word[j] === '{') depth++
        else if (word[j] === '}' && --depth === 0) break
      }
      const body = word.slice(i + 2, j)
      i = j
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])(.*))?$/s.exec(body)
      if (!m) continue
      const value = env.get(m[1] ?? '')
      const set = value !== undefined
      const nonEmpty = set && value !== ''
      const alt = expand(m[3] ?? '', env, escape)
      switch (m[2]) {
        case ':-':
          out += nonEmpty ? value : alt
          break
        case '-':
          out += set ? value : alt
          break
        case ':+':
          out += nonEmpty ? alt : ''
          break
        case '+':
          out += set ? alt : ''
          break
        default:
          out += value ?? ''
      }
      continue
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1))
    if (!m) {
      out += '$'
      continue
    }
    out += env.get(m[0]) ?? ''
    i += m[0].length
  }
  return out
}

/** Splits ARG arguments: NAME, NAME=value, NAME="quoted value", several per line (values unexpanded). */
function argDeclarations(args: string): Array<{ name: string; value?: string }> {
  const out: Array<{ name: string; value?: string }> = []
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    out.push(m[2] === undefined ? { name: m[1] ?? '' } : { name: m[1] ?? '', value: m[2] })
  }
  return out
}

/** The platform ARGs BuildKit defines itself; they are usable in FROM without an ARG line. */
const AUTOMATIC_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT'
]

/**
 * The image the final stage (or the stage named `target`) is built FROM, following stages that
 * start from earlier stages down to a real image. Global ARGs (before the first FROM) are expanded
 * with their defaults, overridden by `buildArgs`. undefined for `FROM scratch`, an unknown target,
 * or a FROM that expands to nothing.
 */
export function finalStageBase(dockerfile: string, buildArgs: Record<string, string>, target?: string): string | undefined {
  const env = new Map<string, string>()
  for (const k of AUTOMATIC_ARGS) {
    const v = buildArgs[k]
    if (v !== undefined) env.set(k, v)
  }
  const stages: Array<{ name: string; base: string }> = []
  const { escape, list } = instructions(dockerfile)
  for (const ins of list) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      for (const d of argDeclarations(ins.args)) {
        const given = Object.prototype.hasOwnProperty.call(buildArgs, d.name) ? buildArgs[d.name] : undefined
        const value = given ?? (d.value !== undefined ? expand(d.value, env, escape) : undefined)
        if (value !== undefined) env.set(d.name, value)
      }
    } else if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter(w => w !== '')
      while (words[0]?.startsWith('--')) words.shift()
      const image = expand(words[0] ?? '', env, escape)
      const name = words.length >= 3 && words[1]?.toLowerCase() === 'as' ? (words[2] ?? '').toLowerCase() : ''
      stages.push({ name, base: image })
    }
  }
  let index = stages.length - 1
  if (target) {
    index = stages.findIndex(s => s.name === target.toLowerCase())
    if (index < 0) return undefined
  }
  // Follow FROM <earlier stage> links down to an image.
  let base = stages[index]?.base
  for (let hops = 0; base !== undefined && hops <= stages.length; hops++) {
    if (base === '') return undefined
    const lower = base.toLowerCase()
    const earlier = stages.slice(0, index).findIndex(s => s.name !== '' && s.name === lower)
    if (earlier < 0) return lower === 'scratch' ? undefined : base
    index = earlier
    base = stages[index]?.base
  }
  return undefined
}
