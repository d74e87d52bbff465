#!/usr/bin/env node
// `npm test`: builds everything (scripts/build.mjs), runs every test/**/*.test.ts in its own process, then the C++
// tests with ctest in build/native, and ends with exactly one line "N passed, N failed" covering all of them.
// Exit code 0 only when nothing failed and at least one test ran.
//
//   npm test [-- [FILTER...] [--skip-build] [--timeout=SECONDS]]
//
// A FILTER keeps the test files whose path contains it and the ctest tests whose name contains it
// (`npm test -- proto` runs test/proto/*.test.ts). A build step that fails counts as one failure; the tests still
// run, so one broken piece does not hide the results of the others.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, buildEnv, nativeBuildDir, root, runCommand } from './build.mjs';
import { parseCtestVerbose, parseUvuSummary } from './lib/test-summaries.mjs';

const usage = 'usage: npm test -- [FILTER...] [--skip-build] [--timeout=SECONDS]';

function parseArgs(args) {
  const options = { filters: [], skipBuild: false, timeoutSeconds: 300 };
  for (const arg of args) {
    if (arg === '--skip-build') options.skipBuild = true;
    else if (arg.startsWith('--timeout=')) {
      const seconds = Number(arg.slice('--timeout='.length));
      if (!(seconds > 0)) throw new Error(`test: --timeout must be a positive number of seconds, got '${arg}'`);
      options.timeoutSeconds = seconds;
    } else if (arg.startsWith('--')) throw new Error(`test: unknown option '${arg}'; ${usage}`);
    else options.filters.push(arg);
  }
  return options;
}

function findTestFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTestFiles(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const matches = (filters, text) => filters.length === 0 || filters.some((f) => text.includes(f));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function runTestFile(file, timeoutSeconds) {
  const started = Date.now();
  const chunks = [];
  const code = await runCommand(process.execPath, ['--import', 'tsx', file], {
    env: buildEnv(),
    timeoutMs: timeoutSeconds * 1000,
    onOutput: (chunk) => {
      chunks.push(chunk);
      process.stdout.write(chunk);
    },
  });
  const counts = parseUvuSummary(Buffer.concat(chunks).toString('utf8'), code);
  let note = '';
  if (code === 124) note = ` (killed after ${timeoutSeconds} s)`;
  else if (!counts.summary) note = ` (no uvu summary; exit code ${code})`;
  return { name: relative(root, file).split(sep).join('/'), ...counts, note, ms: Date.now() - started };
}

async function runCtest(filters, timeoutSeconds) {
  if (!existsSync(join(nativeBuildDir, 'CTestTestfile.cmake'))) {
    console.log(`\n==> ctest: no native build in ${relative(root, nativeBuildDir)}, no C++ tests to run`);
    return [];
  }
  console.log('\n==> ctest --output-on-failure (C++ tests)');
  const args = ['--output-on-failure', '-V', '--timeout', String(timeoutSeconds)];
  if (filters.length) args.push('-R', filters.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  const chunks = [];
  const code = await runCommand('ctest', args, {
    cwd: nativeBuildDir,
    onOutput: (chunk) => {
      chunks.push(chunk);
      process.stdout.write(chunk);
    },
  });
  const results = parseCtestVerbose(Buffer.concat(chunks).toString('utf8'));
  if (code !== 0 && results.every((r) => r.failed === 0)) {
    // ctest itself failed (bad build tree, crash) without blaming any single test.
    results.push({ name: 'ctest', status: `exit code ${code}`, passed: 0, failed: 1, counted: false });
  }
  return results.map((r) => ({
    name: `ctest ${r.name}`,
    passed: r.passed,
    failed: r.failed,
    skipped: 0,
    note: r.status === 'Passed' ? '' : ` (${r.status}${r.counted ? '' : ', no "N passed, N failed" line'})`,
  }));
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    console.log('0 passed, 1 failed');
    return 1;
  }

  const results = [];
  if (!options.skipBuild) {
    const failedSteps = await build({ keepGoing: true });
    for (const step of failedSteps) {
      results.push({ name: `build step '${step}'`, passed: 0, failed: 1, skipped: 0, note: ' (see the build output above)' });
    }
  }

  const files = findTestFiles(join(root, 'test')).filter((f) => matches(options.filters, relative(root, f)));
  for (const file of files) {
    console.log(`\n==> ${relative(root, file)}`);
    const result = await runTestFile(file, options.timeoutSeconds);
    console.log(`<== ${result.name}: ${result.passed} passed, ${result.failed} failed${result.note} (${seconds(result.ms)})`);
    results.push(result);
  }
  results.push(...(await runCtest(options.filters, options.timeoutSeconds)));

  console.log('\n==> results');
  for (const r of results) {
    const mark = r.failed ? 'FAIL' : 'ok  ';
    const skipped = r.skipped ? `, ${r.skipped} skipped` : '';
    console.log(`  ${mark} ${r.name}: ${r.passed} passed, ${r.failed} failed${skipped}${r.note}`);
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  if (passed + failed === 0) console.log('  no test ran (a filter that matches nothing counts as a failure)');
  const reported = passed + failed === 0 ? 1 : failed;
  console.log(`${passed} passed, ${reported} failed`);
  return reported === 0 ? 0 : 1;
}

process.exitCode = await main();
