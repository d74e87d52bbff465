// TSNN_OUT_OF_LINE keeps a function out of its callers. For the WebAssembly build: V8 runs a function first as
// baseline (Liftoff) code and compiles it with TurboFan once it has run hot, for its next call (a running call is
// never replaced). The cost of that compile grows with the function, and a big function that runs once per build
// (everything inlined into it) costs tens of ms of a core for nothing: the event loop's next turn waits for the
// compile to finish (docs/performance.md, session 14). Hot loops of the build are therefore kept in small functions
// of their own, which compile quickly and which the next projection's call reuses.
#pragma once

#define TSNN_OUT_OF_LINE __attribute__((noinline))
