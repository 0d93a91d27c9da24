// The few flags Loket's command-line tools take (`--name value`, `--name=value`, repeatable), and how
// a tool's main ends.
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
