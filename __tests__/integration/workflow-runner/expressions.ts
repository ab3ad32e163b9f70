// `${{ }}` evaluated by GitHub's own expression library (@actions/expressions, in package-lock
// through @actions/workflow-parser), on tokens GitHub's workflow parser read. Pure: the contexts
// and the job or step status are given; the status functions are ours to provide, as the library
// leaves them to the runner.
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import type { FunctionDefinition } from '@actions/expressions/funcs/info'
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value }
export type Contexts = Record<string, unknown>

/**
 * What the status functions answer. For a job: success() when every job it needs (and theirs)
 * succeeded, failure() when one failed; for a step: the steps before it in its job.
 */
export interface Status {
  success: boolean
  failure: boolean
  cancelled: boolean
}

export const NO_FAILURE: Status = { success: true, failure: false, cancelled: false }

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const

function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const answers: Record<(typeof STATUS_FUNCTIONS)[number], boolean> = {
    success: status.success && !status.cancelled,
    failure: status.failure && !status.cancelled,
    cancelled: status.cancelled,
    always: true
  }
  return new Map(STATUS_FUNCTIONS.map(name => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answers[name]) }]))
}

/** One expression (without `${{ }}`) with the contexts given, as a plain value. */
export function evaluate(expression: string, contexts: Contexts, status: Status = NO_FAILURE): Value {
  const lexed = new Lexer(expression).lex()
  const functions = statusFunctions(status)
  const tree = new Parser(lexed.tokens, Object.keys(contexts), [...functions.values()]).parse()
  const dictionary = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary
  const result = new Evaluator(tree, dictionary, functions).evaluate()
  return JSON.parse(JSON.stringify(result, data.replacer)) as Value
}

/** Truthiness as GitHub coerces an `if:` result. */
export function truthy(v: Value): boolean {
  if (v === null || v === false || v === 0 || v === '') return false
  return !(typeof v === 'number' && Number.isNaN(v))
}

/** A string as a runner passes it to an input or env var: null is '', objects are JSON. */
export function asString(v: Value): string {
  if (v === null) return ''
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/**
 * A block scalar (`|`, `|-`, `|+`) as YAML reads it: its indentation removed, its line breaks
 * chomped. The parser builds the format() of a block scalar with expressions from its source
 * text, indentation included (it keeps source positions for editors), where GitHub reads the
 * value.
 */
export function blockScalarValue(source: string, header: string): string {
  if (header.startsWith('>') || /\d/.test(header)) throw new Error(`block scalar ${header} with expressions is not read here`)
  const lines = source.replace(/\n$/, '').split('\n')
  const indent = /^ */.exec(lines.find(l => l.trim() !== '') ?? '')?.[0].length ?? 0
  const body = lines.map(l => l.slice(Math.min(indent, /^ */.exec(l)?.[0].length ?? 0))).join('\n')
  if (header.endsWith('-')) return body.replace(/\n+$/, '')
  if (header.endsWith('+')) return `${body}\n`
  return `${body.replace(/\n+$/, '')}\n`
}

/** A string with `${{ }}` in it, each expression evaluated, as the runner substitutes them. */
export function substitute(text: string, contexts: Contexts, status?: Status): string {
  let out = ''
  let i = 0
  for (let start = text.indexOf('${{'); start >= 0; start = text.indexOf('${{', i)) {
    out += text.slice(i, start)
    let inString = false
    let end = -1
    for (let j = start + 3; j < text.length; j++) {
      if (text[j] === "'") inString = !inString
      else if (!inString && text[j] === '}' && text[j + 1] === '}') {
        end = j
        break
      }
    }
    if (end < 0) throw new Error(`an expression is not closed: ${text.slice(start, start + 40)}`)
    out += asString(evaluate(text.slice(start + 3, end), contexts, status))
    i = end + 2
  }
  return out + text.slice(i)
}

/** A token of the parsed workflow, every expression in it evaluated, as a plain value. */
export function evaluateToken(token: TemplateToken | undefined, contexts: Contexts, status?: Status): Value {
  if (token === undefined) return null
  if (isBasicExpression(token)) {
    // a block scalar's format() was built from its indented source: read its value as YAML does
    if (token.blockScalarHeader && token.source !== undefined)
      return substitute(blockScalarValue(token.source, token.blockScalarHeader), contexts, status)
    return evaluate(token.expression, contexts, status)
  }
  if (isString(token)) return token.value
  if (isBoolean(token) || isNumber(token)) return token.value
  if (isSequence(token)) return [...token].map(t => evaluateToken(t, contexts, status))
  if (isMapping(token)) {
    const out: Record<string, Value> = {}
    for (const pair of token) out[asString(evaluateToken(pair.key, contexts, status))] = evaluateToken(pair.value, contexts, status)
    return out
  }
  return null
}

/** A mapping (with:, env:, outputs:) evaluated to strings, as the runner hands them on. */
export function evaluateStrings(token: TemplateToken | undefined, contexts: Contexts, status?: Status): Record<string, string> {
  const v = evaluateToken(token, contexts, status)
  if (v === null) return {}
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`expected a mapping, got ${JSON.stringify(v)}`)
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asString(x)]))
}
