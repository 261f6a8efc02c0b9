/**
 * The last lines the kiosk logged, kept in memory for the diagnostics bundle. A pino destination (`write` is
 * called with one JSON line per entry, already censored by the logger's redaction of personal keys).
 */
export class RecentLog {
  readonly #lines: string[] = [];
  readonly #keep: number;

  constructor(keep = 500) {
    this.#keep = keep;
  }

  write(line: string): void {
    this.#lines.push(line.endsWith('\n') ? line.slice(0, -1) : line);
    if (this.#lines.length > this.#keep) this.#lines.splice(0, this.#lines.length - this.#keep);
  }

  lines(): string[] {
    return [...this.#lines];
  }
}
