// How many steps the next engine call of a run advances: no more than wanted, no past the end of the run, and
// never across a progress mark, so progress events fall exactly on multiples of progress_every_steps.
export function planPieces(done: number, total: number, wanted: number, progressEverySteps: number): number {
  let piece = Math.max(0, Math.min(total - done, wanted));
  if (progressEverySteps > 0) {
    const nextMark = (Math.floor(done / progressEverySteps) + 1) * progressEverySteps;
    piece = Math.min(piece, nextMark - done);
  }
  return piece;
}
