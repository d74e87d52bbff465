// Waits one macrotask, so timers, I/O and rendering run between pieces of a long simulation. setTimeout is
// throttled to 4 ms after a few nested calls in browsers; setImmediate (Node) and MessageChannel (browsers) are not.
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
