/** A progress bar on stderr: redrawn in place on a terminal, a line per 10 % otherwise. */
export function createProgress(label: string, total: number) {
  const isTty = process.stderr.isTTY === true;
  let lastStep = -1;
  return {
    /** Shows `done` out of the total. */
    update(done: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(ratio * 100);
      if (isTty) {
        const width = 30;
        const filled = Math.round(ratio * width);
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%`);
      } else if (Math.floor(percent / 10) > lastStep) {
        lastStep = Math.floor(percent / 10);
        process.stderr.write(`${label}: ${percent}%\n`);
      }
    },
    /** Completes the bar. */
    done() {
      this.update(total);
      if (isTty) process.stderr.write('\n');
    },
  };
}
