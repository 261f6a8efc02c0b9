/**
 * What the Electron shell's page may be granted (docs/deployment.md "Electron shell"): the camera, video only,
 * for the OCR fallback and the face capture, and only to the kiosk's own origin. Everything else is refused,
 * whatever asks.
 */
export function allowPermissionRequest(permission: string, details: { requestingUrl?: string; mediaTypes?: readonly string[] }, origin: string): boolean {
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video') && originOf(details.requestingUrl) === origin;
}

export function allowPermissionCheck(permission: string, requestingOrigin: string, details: { mediaType?: string }, origin: string): boolean {
  return permission === 'media' && details.mediaType === 'video' && originOf(requestingOrigin) === origin;
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    // Custom schemes registered as standard have an origin of scheme://host, which URL reports as "null".
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
