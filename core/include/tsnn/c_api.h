/* The core's C API (docs/architecture.md): a session is created from a serialized tsnn.v1.Network and driven by
 * serialized tsnn.v1 requests named after the rpcs of simulator.proto. No C++ exception crosses this boundary:
 * failures return NULL / non-zero and leave "CODE\tfield.path\tmessage" in tsnn_last_error(). */
#ifndef TSNN_C_API_H
#define TSNN_C_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tsnn_session tsnn_session;

/* NULL on failure (see tsnn_last_error). */
tsnn_session* tsnn_session_create(const uint8_t* network, size_t size);
/* method: "Info", "Run", "SetParameters", "Initialize", "UpdateSpikeTimes", "SetCurrentSource", "SetRecording",
 * "SetSynapseValues", "GetState", "GetConnections", "Reset". Returns 0 on success. */
int tsnn_call(tsnn_session* session, const char* method, const uint8_t* request, size_t size);
/* The response of the last successful call; valid until the next call on this session. */
const uint8_t* tsnn_response_data(tsnn_session* session);
size_t tsnn_response_size(tsnn_session* session);
/* "CODE\tfield.path\tmessage" of the last failure on this thread, "" when none. */
const char* tsnn_last_error(void);
void tsnn_session_destroy(tsnn_session* session);

#ifdef __cplusplus
}
#endif

#endif /* TSNN_C_API_H */
