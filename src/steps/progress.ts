/**
 * Progress of a long post-step (an install can take a minute): the tool's latest output line and the time
 * elapsed, on stderr so that stdout stays the `--json` result. On a terminal it is one line redrawn in place
 * (a spinner); elsewhere (CI logs, pipes) a plain line every `intervalMs`, only when the tool said something new.
 */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Progress {
  /** One line of the tool's own output. */
  line(text: string): void;
  /** Clears the spinner line; call before printing the step's result. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
// Colour and cursor codes in a tool's output would garble a redrawn line.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\r/g;

export function startProgress(name: string, stream: ProgressStream, options: { intervalMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const tty = Boolean(stream.isTTY);
  const intervalMs = options.intervalMs ?? (tty ? 100 : 10_000);
  let latest = '';
  let printed = '';
  let frame = 0;
  const elapsed = () => `${Math.round((now() - started) / 1000)}s`;
  const tick = () => {
    if (tty) {
      const text = `${FRAMES[frame++ % FRAMES.length]} ${name} ${elapsed()}${latest ? ` · ${latest}` : ''}`;
      stream.write(`\r\u001b[2K${text.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
    } else if (latest !== printed) {
      printed = latest;
      stream.write(`  ${name} ${elapsed()}: ${latest}\n`);
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    line(text) {
      const clean = text.replace(ANSI, '').trim();
      if (clean) latest = clean;
    },
    stop() {
      clearInterval(timer);
      if (tty) stream.write('\r\u001b[2K');
    },
  };
}
