/** Identity platform: the port, its adapters and the simulator. docs/platform.md describes them. */
export type {
  CallOptions,
  DocumentVerification,
  DocumentVerificationRequest,
  FaceVerification,
  FaceVerificationRequest,
  IdentityPlatform,
  InvalidationReason,
  MismatchField,
  NotVerifiedReason,
  ParsedDocumentFields,
  PlatformStatus,
  RequestFromDocument,
  TravellerReason,
  Unavailable,
  UnavailableReason,
} from './identity-platform.ts';
export { documentVerificationRequest } from './identity-platform.ts';
export { platformConfigSchema, realConnection, type PlatformConfig, type PlatformConfigInput, type PlatformConnection } from './platform-config.ts';
export { createPlatformClient, startIdentityPlatform, PlatformSetupError, type PlatformClientDeps, type RunningIdentityPlatform } from './create-platform-client.ts';
export { FakeIdentityPlatform } from './fake-identity-platform.ts';
export { startPlatformSimulator, SimulatorStartError, type StartedPlatformSimulator, type StartPlatformSimulatorOptions } from './sim/start-platform-simulator.ts';
export { platformSimRoutes } from './sim/platform-sim-routes.ts';
export type { PlatformSimulator, PlatformFaults, SimRequestEvent } from './sim/platform-simulator.ts';
export type { SeedFile, SeedIdentity } from './sim/seed-schema.ts';
