// Neo's merge_annotations (neo 0.11, what PyNN's Assembly.get_data gets through Block.merge): keys in one side only
// are kept; for keys in both, equal values are kept, lists concatenated, objects merged recursively,
// differing strings joined with ';', and anything else becomes 'MERGE CONFLICT' (Neo's own placeholder).

export function mergeAnnotations(...all: ReadonlyArray<Readonly<Record<string, unknown>>>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const annotations of all) {
    for (const [key, value] of Object.entries(annotations)) {
      merged[key] = key in merged ? mergeAnnotation(merged[key], value) : value;
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function mergeAnnotation(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isPlainObject(a) && isPlainObject(b)) return mergeAnnotations(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a === b ? a : `${a};${b}`;
  return a === b ? a : 'MERGE CONFLICT';
}
