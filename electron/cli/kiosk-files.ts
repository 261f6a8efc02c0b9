import { loadConfig, type KioskConfig } from '../host/config.ts';
import { defaultDataDir } from '../host/data-dir.ts';

/**
 * Where a kiosk keeps its files, for commands run beside it (`passage staff`, `passage audit`): `--data-dir`,
 * else the configuration's `dataDir` (`--config` or PASSAGE_CONFIG), else the default.
 */
export async function kioskFiles(flags: Map<string, string | true>, env: NodeJS.ProcessEnv = process.env): Promise<{ config: KioskConfig; dataDir: string }> {
  const configFlag = flags.get('config');
  const config = await loadConfig(typeof configFlag === 'string' ? configFlag : env.PASSAGE_CONFIG || undefined);
  const dataFlag = flags.get('data-dir');
  return { config, dataDir: typeof dataFlag === 'string' ? dataFlag : (config.dataDir ?? defaultDataDir(env)) };
}
