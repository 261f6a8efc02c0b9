import { readdirSync, readFileSync } from 'node:fs';

/** The command line of a process as its arguments, or null when it has gone. */
export function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    // The command name (2nd field) may hold spaces and parentheses: the parent is the 2nd field after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

export function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Every process below `root` (children, their children...), so a test touches only the processes it started. */
export function descendants(root: number): number[] {
  const parents = new Map(allPids().map((pid) => [pid, parentOf(pid)]));
  const found = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (parent !== null && found.has(parent) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found];
}
