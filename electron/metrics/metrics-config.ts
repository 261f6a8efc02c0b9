import { z } from 'zod';

/**
 * The `metrics` section of the kiosk configuration: a Prometheus `/metrics` endpoint on loopback. Absent: no
 * endpoint. Loopback only, because the figures describe the venue's traffic; a local collector (node exporter
 * textfile, Prometheus agent) or the fleet broker carries them further.
 */
export const metricsConfigSchema = z.strictObject({
  /** 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65535).default(9464),
});

export type MetricsConfig = z.infer<typeof metricsConfigSchema>;
