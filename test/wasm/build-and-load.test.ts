// wasm/build.mjs and the binding against a tiny C API written here (an echo engine), independent of the real core:
// the build produces a loadable ES module, is incremental (nothing recompiles when nothing changed, a touched header
// recompiles only the source that includes it), and CoreSession copies bytes both ways, survives a heap that grows
// between calls, reports a trap of the instance as INTERNAL, and the engine's "CODE\tpath\tmessage" errors as
// EngineError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../../frontend/backend/backend.js';
import { CoreSession } from '../../frontend/backends/wasm/core-session.js';
import { loadCore } from '../../frontend/backends/wasm/load-core.js';
// @ts-expect-error: a plain ES module without type declarations
import { buildWasm } from '../../wasm/build.mjs';

const cApi = `#pragma once
#include <stddef.h>
#include <stdint.h>
extern "C" {
struct tsnn_session;
tsnn_session* tsnn_session_create(const uint8_t* network, size_t size);
int tsnn_call(tsnn_session*, const char* method, const uint8_t* request, size_t size);
const uint8_t* tsnn_response_data(tsnn_session*);
size_t tsnn_response_size(tsnn_session*);
const char* tsnn_last_error(void);
void tsnn_session_destroy(tsnn_session*);
}
`;

// "Echo" answers the request reversed; "Grow" allocates the requested number of MiB and keeps it; "Trap" executes
// an unreachable instruction; anything else fails with INVALID_ARGUMENT. An empty network is rejected through an exception, as the real core does.
const echoEngine = `#include "tsnn/c_api.h"
#include "echo_limits.h"
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>
struct tsnn_session { std::vector<uint8_t> response; std::vector<std::vector<uint8_t>> kept; };
static std::string lastError;
extern "C" {
tsnn_session* tsnn_session_create(const uint8_t*, size_t size) {
  try {
    if (size == 0) throw std::invalid_argument("the network is empty");
    return new tsnn_session;
  } catch (const std::exception& e) {
    lastError = std::string("INVALID_ARGUMENT\\tnetwork\\t") + e.what();
    return nullptr;
  }
}
int tsnn_call(tsnn_session* s, const char* method, const uint8_t* request, size_t size) {
  std::string name(method);
  if (name == "Echo") { s->response.assign(request, request + size); std::reverse(s->response.begin(), s->response.end()); return 0; }
  if (name == "Trap") __builtin_trap();
  if (name == "Grow" && size == 1 && request[0] <= kMaxGrowMiB) { s->kept.emplace_back(size_t(request[0]) << 20, uint8_t(1)); s->response.clear(); return 0; }
  lastError = "INVALID_ARGUMENT\\tmethod\\tno method " + name;
  return 3;
}
const uint8_t* tsnn_response_data(tsnn_session* s) { return s->response.data(); }
size_t tsnn_response_size(tsnn_session* s) { return s->response.size(); }
const char* tsnn_last_error(void) { return lastError.c_str(); }
void tsnn_session_destroy(tsnn_session* s) { delete s; }
}
`;

const helper = 'int echoHelper() { return 7; }\n';

const work = mkdtempSync(join(tmpdir(), 'tsnn-wasm-build-'));
const coreDir = join(work, 'core');
const distDir = join(work, 'dist');
const objDir = join(work, 'obj');
// An unoptimised build: this test checks the pipeline, not the code, and -O3 linking is slow on a shared machine.
const options = { coreDir, glueDir: null, distDir, objDir, quiet: true, debug: true };

function writeCore() {
  mkdirSync(join(coreDir, 'include', 'tsnn'), { recursive: true });
  mkdirSync(join(coreDir, 'src', 'api'), { recursive: true });
  writeFileSync(join(coreDir, 'include', 'tsnn', 'c_api.h'), cApi);
  writeFileSync(join(coreDir, 'include', 'echo_limits.h'), 'constexpr unsigned kMaxGrowMiB = 64;\n#include <algorithm>\n');
  writeFileSync(join(coreDir, 'src', 'api', 'echo.cpp'), echoEngine);
  writeFileSync(join(coreDir, 'src', 'helper.cpp'), helper);
}

test('builds, then rebuilds nothing, then only what a touched header affects', async () => {
  writeCore();
  const first = await buildWasm(options);
  assert.is(first.built, true);
  assert.is(first.compiled, 2);
  const second = await buildWasm(options);
  assert.is(second.built, false);
  assert.is(second.compiled, 0);
  const later = new Date(Date.now() + 2000);
  utimesSync(join(coreDir, 'include', 'echo_limits.h'), later, later);
  const third = await buildWasm(options);
  assert.is(third.built, true);
  assert.is(third.compiled, 1);
});

test('the module loads and carries its build description', async () => {
  const core = await loadCore({ base: distDir });
  assert.is(core.tsnnBuild?.compiler.startsWith('emscripten '), true);
  assert.match(core.tsnnBuild?.flags ?? '', '-msimd128 -std=c++17');
});

test('bytes go in and come back through the C API', async () => {
  const core = await loadCore({ base: distDir });
  const session = CoreSession.create(core, new Uint8Array([1]));
  const request = Uint8Array.from({ length: 100000 }, (_, i) => i % 251);
  const answer = session.call('Echo', request);
  assert.equal(Array.from(answer), Array.from(request).reverse());
  assert.equal(Array.from(session.call('Echo', new Uint8Array(0))), []);
  session.destroy();
  session.destroy();
});

test('responses stay correct after the heap grows', async () => {
  const core = await loadCore({ base: distDir });
  const session = CoreSession.create(core, new Uint8Array([1]));
  const before = core.HEAPU8.length;
  session.call('Grow', new Uint8Array([64]));
  assert.ok(core.HEAPU8.length > before, 'the heap grew');
  const request = new Uint8Array([5, 6, 7]);
  assert.equal(Array.from(session.call('Echo', request)), [7, 6, 5]);
});

test('engine errors become EngineError with code and path', async () => {
  const core = await loadCore({ base: distDir });
  try {
    CoreSession.create(core, new Uint8Array(0));
    assert.unreachable('an empty network is rejected');
  } catch (error) {
    assert.instance(error, EngineError);
    assert.is((error as EngineError).code, 'INVALID_ARGUMENT');
    assert.is((error as EngineError).path, 'network');
    assert.is((error as EngineError).message, 'network: the network is empty');
  }
  const session = CoreSession.create(core, new Uint8Array([1]));
  assert.throws(() => session.call('Nope', new Uint8Array(0)), (e: unknown) => e instanceof EngineError && e.message === 'method: no method Nope');
  session.destroy();
  assert.throws(() => session.call('Echo', new Uint8Array(0)), (e: unknown) => e instanceof EngineError && e.code === 'FAILED_PRECONDITION');
});

test('a trap inside the engine is INTERNAL and marks the session unusable', async () => {
  const core = await loadCore({ base: distDir });
  const session = CoreSession.create(core, new Uint8Array([1]));
  assert.throws(
    () => session.call('Trap', new Uint8Array(0)),
    (e: unknown) => e instanceof EngineError && e.code === 'INTERNAL' && /during Trap: unreachable/.test(e.message),
  );
  assert.is(session.trapped, true);
  assert.is(session.open, false);
});

test('two instances have separate heaps', async () => {
  const [a, b] = await Promise.all([loadCore({ base: distDir }), loadCore({ base: distDir })]);
  assert.is.not(a, b);
  assert.is.not(a.HEAPU8.buffer, b.HEAPU8.buffer);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
