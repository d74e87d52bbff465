// Sampling algorithms for the distributions of pynn-api.md §8, from a stream of uniform doubles in [0, 1).
// They are our own (numpy's streams are not reproduced; only the distributions are), chosen to be exact and
// simple enough to port to C++/CUDA unchanged:
//   normal       Box–Muller, one value per pair of uniforms (cosine branch): sqrt(-2 ln(1-u1)) cos(2π u2)
//   exponential  inversion: -β ln(1-u)
//   lognormal    exp(μ + σ z), z standard normal
//   gamma        Marsaglia & Tsang (2000) for k ≥ 1; k < 1 by Gamma(k+1)·u^(1/k)
//   poisson      λ < 10: Knuth's product of uniforms; λ ≥ 10: Hörmann's PTRS (1993), as numpy
//   binomial     waiting-time method on the smaller of p, 1-p (geometric gaps by inversion), O(n·min(p,1-p)+1)
//   vonmises     Best & Fisher (1979), as numpy; κ < 1e-8 gives the uniform circle; result in [-π, π]
//   uniform_int  low + floor((high-low)·u)
// 1-u is used inside logarithms because u can be 0 but never 1.

/** Anything that yields uniform doubles in [0, 1). */
export interface UniformSource {
  uniform01(): number;
}

export function sampleUniform(source: UniformSource, low: number, high: number): number {
  return low + (high - low) * source.uniform01();
}

export function sampleUniformInt(source: UniformSource, low: number, high: number): number {
  return low + Math.floor((high - low) * source.uniform01());
}

export function sampleStandardNormal(source: UniformSource): number {
  const u1 = source.uniform01();
  const u2 = source.uniform01();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

export function sampleNormal(source: UniformSource, mu: number, sigma: number): number {
  return mu + sigma * sampleStandardNormal(source);
}

export function sampleExponential(source: UniformSource, beta: number): number {
  return -beta * Math.log(1 - source.uniform01());
}

export function sampleLognormal(source: UniformSource, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * sampleStandardNormal(source));
}

/** Standard gamma (scale 1) with shape k > 0. */
export function sampleStandardGamma(source: UniformSource, k: number): number {
  if (k < 1) {
    // Gamma(k) = Gamma(k+1) · U^(1/k) (Marsaglia & Tsang, section 6).
    const u = source.uniform01();
    return sampleStandardGamma(source, k + 1) * Math.pow(1 - u, 1 / k);
  }
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleStandardNormal(source);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - source.uniform01(); // (0, 1]
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleGamma(source: UniformSource, k: number, theta: number): number {
  return theta * sampleStandardGamma(source, k);
}

/** ln(k!) by summation for small k and Stirling's series beyond, as in numpy's PTRS. */
function logFactorial(k: number): number {
  if (k < 10) {
    let sum = 0;
    for (let i = 2; i <= k; ++i) sum += Math.log(i);
    return sum;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

export function samplePoisson(source: UniformSource, lambda: number): number {
  if (lambda === 0) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let product = 1 - source.uniform01();
    let count = 0;
    while (product > limit) {
      product *= 1 - source.uniform01();
      count += 1;
    }
    return count;
  }
  // PTRS: transformed rejection with squeeze (W. Hörmann, Insurance: Math. Econ. 12, 1993).
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * Math.sqrt(lambda);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = source.uniform01() - 0.5;
    const v = source.uniform01();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
      return k;
    }
  }
}

export function sampleBinomial(source: UniformSource, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  // Successes among n Bernoulli(q) trials: walk from success to success with geometric gaps.
  const logFailure = Math.log(1 - q);
  let successes = 0;
  let position = 0;
  for (;;) {
    const gap = Math.floor(Math.log(1 - source.uniform01()) / logFailure) + 1;
    position += gap;
    if (position > n) break;
    successes += 1;
  }
  return flip ? n - successes : successes;
}

export function sampleVonMises(source: UniformSource, mu: number, kappa: number): number {
  if (kappa < 1e-8) return Math.PI * (2 * source.uniform01() - 1);
  let s: number;
  if (kappa < 1e-5) {
    s = 1 / kappa + kappa; // second-order Taylor expansion around kappa = 0, as numpy
  } else {
    const r = 1 + Math.sqrt(1 + 4 * kappa * kappa);
    const rho = (r - Math.sqrt(2 * r)) / (2 * kappa);
    s = (1 + rho * rho) / (2 * rho);
  }
  let w: number;
  for (;;) {
    const u = source.uniform01();
    const z = Math.cos(Math.PI * u);
    w = (1 + s * z) / (s + z);
    const y = kappa * (s - w);
    const v = 1 - source.uniform01(); // (0, 1]
    if (y * (2 - y) - v >= 0 || Math.log(y / v) + 1 - y >= 0) break;
  }
  const sign = source.uniform01() < 0.5 ? -1 : 1;
  let angle = sign * Math.acos(Math.max(-1, Math.min(1, w))) + mu;
  // Wrap into [-π, π] keeping the sign convention of numpy (fmod of |angle| + π).
  const negative = angle < 0;
  let wrapped = ((Math.abs(angle) + Math.PI) % (2 * Math.PI)) - Math.PI;
  if (negative) wrapped = -wrapped;
  angle = wrapped;
  return angle;
}
