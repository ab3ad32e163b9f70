// Files the bundler inlines as text (scripts/bundle.mjs: loader .yml -> text).
declare module '*.yml' {
  const text: string
  export default text
}
