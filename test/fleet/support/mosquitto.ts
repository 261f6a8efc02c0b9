import { existsSync } from 'node:fs';

/**
 * Tests that need a broker start Debian's Mosquitto themselves. Where the binary is truly absent they are
 * skipped, loudly: CI installs the `mosquitto` package, so a skip there is a missing install step.
 */
export const mosquittoBinary = '/usr/sbin/mosquitto';
export const mosquittoMissing = !existsSync(mosquittoBinary);
if (mosquittoMissing) console.warn(`\n*** ${mosquittoBinary} not found: fleet tests against a real broker are SKIPPED (apt-get install mosquitto) ***\n`);
