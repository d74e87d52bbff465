// Reading test counts out of test output: uvu's closing summary and the "N passed, N failed" line that every C++
// test executable prints last. Kept apart from scripts/test.mjs so that the parsing itself can be tested.

// CSI sequences (colours, cursor moves) as kleur and terminals write them.
const ansiPattern = /\u001b\[[0-9;?]*[ -\/]*[@-~]/g;

export function stripAnsi(text) {
  return text.replace(ansiPattern, '');
}

/**
 * The counts of one uvu file run. uvu's Total excludes skipped tests, so failed = Total - Passed. A run that
 * printed no summary, or exited non-zero although every test passed (a crash after the summary, an unhandled
 * rejection), counts as one failure.
 * @returns {{ passed: number, failed: number, skipped: number, summary: boolean }}
 */
export function parseUvuSummary(output, exitCode) {
  const text = stripAnsi(output);
  const last = (label) => {
    const matches = [...text.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)\\s*$`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const total = last('Total');
  const passed = last('Passed');
  const skipped = last('Skipped') ?? 0;
  if (total === undefined || passed === undefined) return { passed: 0, failed: 1, skipped: 0, summary: false };
  let failed = Math.max(0, total - passed);
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed, skipped, summary: true };
}

/** The last "N passed, N failed" line of a C++ test executable's output, or undefined. */
export function parseCppCounts(output) {
  const matches = [...stripAnsi(output).matchAll(/^\s*(\d+) passed, (\d+) failed\s*$/gm)];
  if (!matches.length) return undefined;
  const m = matches[matches.length - 1];
  return { passed: Number(m[1]), failed: Number(m[2]) };
}

/**
 * Splits `ctest -V` output into one record per test: its name, whether ctest says it passed, and its own output
 * (ctest prefixes every line a test prints with "<test number>: "). Counts come from each test's final
 * "N passed, N failed" line; a test without that line counts as 1 passed or 1 failed by ctest's verdict, and a
 * test ctest failed never counts fewer than 1 failure.
 * @returns {{ name: string, status: string, passed: number, failed: number, counted: boolean }[]}
 */
export function parseCtestVerbose(output) {
  const text = stripAnsi(output);
  const linesByTest = new Map();
  const results = [];
  for (const line of text.split(/\r?\n/)) {
    const verdict = line.match(/^\s*\d+\/\d+ Test\s+#(\d+): (\S+) \.*\s*(.*?)\s+[\d.]+ sec\s*$/);
    if (verdict) {
      results.push({ number: verdict[1], name: verdict[2], status: verdict[3].replace(/^\*+/, '').trim() });
      continue;
    }
    const own = line.match(/^(\d+): (.*)$/);
    if (own) {
      if (!linesByTest.has(own[1])) linesByTest.set(own[1], []);
      linesByTest.get(own[1]).push(own[2]);
    }
  }
  return results.map(({ number, name, status }) => {
    const ok = status === 'Passed';
    const counts = parseCppCounts((linesByTest.get(number) ?? []).join('\n'));
    if (!counts) return { name, status, passed: ok ? 1 : 0, failed: ok ? 0 : 1, counted: false };
    const failed = ok ? counts.failed : Math.max(1, counts.failed);
    return { name, status, passed: counts.passed, failed, counted: true };
  });
}
