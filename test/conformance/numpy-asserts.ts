// numpy.testing's array assertions, as PyNN's tests use them, for the ported tests: nested arrays and typed arrays
// are compared element by element after flattening, and NaN matches NaN, as numpy's do.
import * as assert from 'uvu/assert';

function flat(x: unknown): number[] {
  if (Array.isArray(x)) return x.flatMap(flat);
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  return [x as number];
}

/** assert_array_almost_equal(actual, desired, decimal): |actual − desired| < 1.5·10^−decimal. */
export function assertArrayAlmostEqual(actual: unknown, desired: unknown, decimal: number, what: string): void {
  const [a, d] = [flat(actual), flat(desired)];
  assert.is(a.length, d.length, `${what}: sizes`);
  a.forEach((x, k) => {
    const ok = (Number.isNaN(x) && Number.isNaN(d[k]!)) || Math.abs(x - d[k]!) < 1.5 * 10 ** -decimal;
    assert.ok(ok, `${what}[${k}]: ${x} vs ${d[k]}`);
  });
}

/** assert_allclose(actual, desired, rtol): |actual − desired| <= rtol·|desired|. */
export function assertAllClose(actual: unknown, desired: unknown, rtol: number, what: string): void {
  const [a, d] = [flat(actual), flat(desired)];
  assert.is(a.length, d.length, `${what}: sizes`);
  a.forEach((x, k) => {
    const ok = (Number.isNaN(x) && Number.isNaN(d[k]!)) || Math.abs(x - d[k]!) <= rtol * Math.abs(d[k]!);
    assert.ok(ok, `${what}[${k}]: ${x} vs ${d[k]}`);
  });
}

/** assert_array_equal(actual, desired) on nested arrays: the same shape and the same values. */
export function assertArrayEqual(actual: unknown, desired: unknown, what: string): void {
  const shape = (x: unknown): number[] => (Array.isArray(x) ? [x.length, ...(x.length ? shape(x[0]) : [])] : []);
  assert.equal(shape(actual), shape(desired), `${what}: shapes`);
  const [a, d] = [flat(actual), flat(desired)];
  a.forEach((x, k) => assert.ok(x === d[k] || (Number.isNaN(x) && Number.isNaN(d[k]!)), `${what}[${k}]: ${x} vs ${d[k]}`));
}
