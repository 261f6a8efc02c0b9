/**
 * Command line of the Chromium shell (docs/deployment.md "Chromium shell"). It names the profile and the
 * debugging pipe and nothing secret: every local user can read a process's command line, so the page's
 * address with its token is sent over the pipe once the browser runs.
 */
export function chromiumFlags(options: { profileDir: string; kiosk: boolean; extra: readonly string[] }): string[] {
  return [
    `--user-data-dir=${options.profileDir}`,
    '--remote-debugging-pipe',
    '--no-first-run',
    '--no-default-browser-check',
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--disable-features=Translate,TranslateUI,MediaRouter',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--password-store=basic',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--ozone-platform-hint=auto',
    ...(options.kiosk ? ['--kiosk'] : ['--window-size=1080,1920']),
    ...options.extra,
    // The window opens on a blank page; the kiosk page is loaded over the pipe.
    options.kiosk ? 'about:blank' : '--app=about:blank',
  ];
}

/** Extra flags from the environment (`PASSAGE_CHROMIUM_FLAGS`, split on spaces): GPU or display quirks of a kiosk model. */
export function extraChromiumFlags(env: NodeJS.ProcessEnv): string[] {
  return (env.PASSAGE_CHROMIUM_FLAGS ?? '').split(/\s+/).filter(Boolean);
}
