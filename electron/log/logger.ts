// A scoped JSON-lines logger for the core. Every line passes through maskText, so a secret, a
// token or a card number cannot be logged by accident; there is no console.* in the core.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { maskText } from './mask';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(scope: string): Logger;
  /** Registers a value that must never appear in any line (e.g. a provider secret). */
  addSecret(value: string): void;
  /** Closes the log file (the logger stays usable and reopens on the next line). */
  close(): void;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LoggerOptions = {
  dir?: string;
  level?: LogLevel;
  /** Also echo warn/error lines to stderr (hosts do; tests do not). */
  stderr?: boolean;
  now?: () => number;
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>();
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  // One file per UTC day, kept open: a sale writes several lines and open/close per line costs more.
  let open: { file: string; fd: number } | null = null;
  function fdFor(file: string): number {
    if (open?.file !== file) {
      if (open) closeSync(open.fd);
      open = { file, fd: openSync(file, 'a', 0o600) };
    }
    return open.fd;
  }
  function close(): void {
    if (open) closeSync(open.fd);
    open = null;
  }

  function write(scope: string, level: LogLevel, event: string, fields?: LogFields): void {
    if (ORDER[level] < min) return;
    const at = now();
    const line = maskText(JSON.stringify({ at: new Date(at).toISOString(), level, scope, event, ...fields }), secrets);
    if (options.dir) {
      const file = path.join(options.dir, `loket-${new Date(at).toISOString().slice(0, 10)}.log`);
      writeSync(fdFor(file), line + '\n');
    }
    if (options.stderr && ORDER[level] >= ORDER.warn) process.stderr.write(line + '\n');
  }

  function scoped(scope: string): Logger {
    return {
      debug: (e, f) => write(scope, 'debug', e, f),
      info: (e, f) => write(scope, 'info', e, f),
      warn: (e, f) => write(scope, 'warn', e, f),
      error: (e, f) => write(scope, 'error', e, f),
      child: (s) => scoped(scope ? `${scope}.${s}` : s),
      addSecret: (v) => {
        if (v.length >= 4) secrets.add(v);
      },
      close,
    };
  }
  return scoped('');
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  addSecret: () => undefined,
  close: () => undefined,
};
