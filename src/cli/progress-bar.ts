/**
 * A one-line progress bar on stderr for a TTY: `[█████░░░░░]  48 %  3/7 files  song.mp3: decode  ETA 0:12`.
 * Redraws at most ten times a second; prints nothing when stderr is not a TTY.
 */
export interface ProgressState {
  readonly fraction: number;
  readonly label: string;
}

export class ProgressBar {
  private readonly stream: NodeJS.WriteStream;
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;
  private visible = false;

  constructor(stream: NodeJS.WriteStream = process.stderr, enabled = Boolean(stream.isTTY)) {
    this.stream = stream;
    this.enabled = enabled;
  }

  update(state: ProgressState, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const fraction = Math.min(1, Math.max(0, state.fraction));
    const filled = Math.round(fraction * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const elapsed = (now - this.started) / 1000;
    const eta = fraction > 0.02 && elapsed > 1 ? `  ETA ${formatClock((elapsed / fraction) * (1 - fraction))}` : "";
    const percent = `${Math.floor(fraction * 100)}`.padStart(3);
    const line = `[${bar}] ${percent} %  ${state.label}${eta}`;
    const columns = this.stream.columns ?? 80;
    this.stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
    this.visible = true;
  }

  /** Remove the bar so that ordinary output can follow on a clean line. */
  clear(): void {
    if (!this.visible) return;
    this.stream.write("\r\x1b[2K");
    this.visible = false;
  }
}

export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = `${whole % 60}`.padStart(2, "0");
  return hours > 0 ? `${hours}:${`${minutes}`.padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}
