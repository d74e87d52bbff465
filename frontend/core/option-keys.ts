// Option objects take the place of PyNN's keyword arguments, with camelCase keys. A key the function does not
// know (a ported script's `allow_self_connections`, a typo) would otherwise be ignored without a word, as
// `setup({ rng_seed: 5 })` once left the seed at 42: refused here with the names that are allowed, as Python
// refuses an unknown keyword argument (TypeError).

const camelCase = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Throws TypeError for each key of `options` not in `allowed`, suggesting the camelCase name of a snake_case key. */
export function checkOptionKeys(owner: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${owner}: options must be an object { ${allowed.join(', ')} }, got ${JSON.stringify(options) ?? String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const hint = key.includes('_') && allowed.includes(camelCase(key)) ? `; options are camelCase here: '${camelCase(key)}'` : '';
    throw new TypeError(`${owner}: unknown option '${key}'${hint}; allowed: ${allowed.join(', ')}`);
  }
}
