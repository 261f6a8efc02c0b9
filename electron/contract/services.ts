/** The transactions a kiosk can offer; a venue configures which (electron/host/config.ts `services`). */
export const services = ['checkIn', 'hotel'] as const;
export type Service = (typeof services)[number];
