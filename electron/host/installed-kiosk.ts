/**
 * Whether this process is an installed or packaged kiosk rather than a development checkout
 * (docs/deployment.md "Installed kiosk detection"):
 * - `PASSAGE_INSTALLED=1` in the environment: the Debian package's systemd units and its `passage` wrapper set it;
 * - a packaged Electron app: Electron sets `process.defaultApp` only when its stock binary is handed an app
 *   directory (`electron .`, as `passage start` does in a checkout), never in a packaged build.
 * An installed kiosk never falls back to the simulated defaults: without a configuration it refuses to start.
 */
export function isInstalledKiosk(
  env: NodeJS.ProcessEnv = process.env,
  runtime: { readonly versions: NodeJS.ProcessVersions; readonly defaultApp?: boolean } = process as never,
): boolean {
  if (env.PASSAGE_INSTALLED === '1') return true;
  return runtime.versions.electron !== undefined && runtime.defaultApp !== true;
}
