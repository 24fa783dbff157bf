/**
 * Sends a message to the parent over IPC and resolves once it is written. A worker that disconnects right after
 * `process.send` loses a message larger than the channel's socket buffer (over ~1 MB: a long open loop's result
 * with its per-second histograms), and the runner reads "exited without a result". Resolves also when the parent
 * is gone: there is no one left to tell.
 */
export function sendToParent(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}
