// The few flags Loket's command-line tools take: `--name value`, `--name=value`, repeatable.
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
