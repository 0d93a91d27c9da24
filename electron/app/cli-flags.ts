// The few flags Loket's command-line tools take (`--name value`, `--name=value`, repeatable), how a
// tool's main ends, and — for the long-running programs (`npm run web`, `npm run hub`) — strict
// parsing that refuses an unknown option and answers --help.
export function flagValues(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name && argv[i + 1] !== undefined) out.push(argv[++i]!);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  }
  return out;
}

export function flagValue(argv: readonly string[], name: string): string | undefined {
  return flagValues(argv, name)[0];
}

/** Runs a tool's main: exit 0 when it returns, 1 with the error when it throws — and 1, not 0, if it never settles. */
export function runMain(main: () => Promise<void>): void {
  process.exitCode = 1;
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Walks `argv`, handing each flag to `take` with a reader for its value; a flag `take` does not
 * know (returns false) or a value that is missing ends the program through `fail`.
 */
export function readFlags(argv: readonly string[], take: (flag: string, value: () => string) => boolean, fail: (message: string) => never, help: string): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${help}\n`);
      process.exit(0);
    }
    const value = (): string => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    if (!take(flag, value)) fail(`unknown option ${a}`);
  }
}
