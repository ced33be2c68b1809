/** A one-line progress bar on stderr (a plain line per step when stderr is not a terminal). */
export function createProgress(label: string) {
  const tty = process.stderr.isTTY === true;
  let lastPhase = '';
  let lastPrinted = 0;
  return {
    update(phase: string, done: number, total: number) {
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      if (tty) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        process.stderr.write(`\r${label} ${phase.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`);
      } else if (phase !== lastPhase || pct - lastPrinted >= 25 || pct === 100) {
        process.stderr.write(`${label} ${phase} ${pct}%\n`);
        lastPrinted = pct;
      }
      lastPhase = phase;
    },
    done(message: string) {
      if (tty) process.stderr.write('\r\x1b[2K');
      process.stderr.write(`${message}\n`);
    },
  };
}
