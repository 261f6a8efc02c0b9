export const consoleUsage = 'usage: passage fleet console --broker URL';
export async function runConsole(): Promise<number> {
  return 2;
}
