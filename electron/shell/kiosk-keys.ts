/**
 * Keys that would take a traveller out of the kiosk page: closing or reloading it, opening developer tools, a
 * new window, printing, zooming, leaving full screen. The Electron shell swallows them before the page sees
 * them (`before-input-event`, docs/deployment.md "Electron shell"). Plain typing, Shift, Enter, Backspace, Tab,
 * the arrows and Escape stay: the hotel flow has text fields, and a scanner that types ends with Enter.
 */
export function isKioskEscape(input: { type: string; key: string; control: boolean; alt: boolean; meta: boolean }): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (input.control || input.alt || input.meta) return true;
  return /^F\d{1,2}$/.test(input.key) || input.key === 'BrowserBack' || input.key === 'BrowserForward' || input.key === 'BrowserRefresh';
}
