import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Seed identities of the platform simulator (seed.json; docs/platform.md lists them for the e2e tests).
 * `document` is what the physical document says (its MRZ is `mrz`); `record` is what the platform holds for
 * that document number (null: no record), and the simulator answers by comparing the two — so the expected
 * `outcome` is documentation that test/platform/seed.test.ts checks, not something the simulator reads.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const seedIdentitySchema = z.strictObject({
  /** Stable handle for tests and the control API (`uto-specimen-match`, ...). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  outcome: z.enum(['MATCH', 'MISMATCH', 'NOT_FOUND', 'EXPIRED', 'INVALIDATED']),
  document: z.strictObject({
    documentType: z.string().regex(/^[A-Z]{1,2}$/),
    documentNumber: z.string().regex(/^[A-Z0-9]{1,20}$/),
    issuer: z.string().regex(/^[A-Z]{1,3}$/),
    nationality: z.string().optional(),
    surname: z.string().optional(),
    givenNames: z.string().optional(),
    sex: z.enum(['M', 'F', 'X']).optional(),
    birthDate: isoDate,
    expiryDate: isoDate,
    optionalData: z.string().optional(),
  }),
  /** MRZ format as the MRZ engine names it (TD3, CN_EEP_1LINE, ...), and the lines. */
  mrzFormat: z.string(),
  mrz: z.array(z.string()).min(1).max(3),
  record: z
    .strictObject({
      documentType: z.string().regex(/^[A-Z]{1,2}$/),
      surname: z.string().optional(),
      givenNames: z.string().optional(),
      birthDate: isoDate,
      expiryDate: isoDate,
      /** `expired`: the authority ended the document early (replaced), whatever its printed expiry says. */
      status: z.enum(['valid', 'expired', 'lost', 'stolen', 'cancelled']),
    })
    .nullable(),
  /** What a face comparison against this document's photo answers. */
  face: z.strictObject({ result: z.enum(['MATCH', 'NO_MATCH']), score: z.number().min(0).max(1) }),
});

export const seedFileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    identities: z.array(seedIdentitySchema).min(1),
  })
  .superRefine((seed, ctx) => {
    // One record per issuer and number: the platform looks documents up by these two.
    const seen = new Set<string>();
    seed.identities.forEach((identity, index) => {
      const key = `${identity.document.issuer}/${identity.document.documentNumber}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['identities', index], message: `document ${identity.id} appears twice` });
      seen.add(key);
    });
  });

export type SeedIdentity = z.infer<typeof seedIdentitySchema>;
export type SeedFile = z.infer<typeof seedFileSchema>;

export type SeedLoad = { readonly ok: true; readonly seed: SeedFile } | { readonly ok: false; readonly error: string };

export function parseSeed(json: unknown, source: string): SeedLoad {
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ok: true, seed: parsed.data };
}

export async function loadSeedFile(path: string): Promise<SeedLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    return parseSeed(JSON.parse(text), path);
  } catch (error) {
    return { ok: false, error: `${path}: not JSON (${(error as Error).message})` };
  }
}

/** The bundled seed (seed.json next to this file). */
export const defaultSeedPath = new URL('./seed.json', import.meta.url);
