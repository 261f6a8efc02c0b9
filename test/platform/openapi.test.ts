import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z, type ZodType } from 'zod';
import { headers, maxClockSkewMs, requestPreamble, responsePreamble } from '../../electron/platform/canonical.ts';
import { signatureAlgorithmName } from '../../electron/platform/signing.ts';
import { documentRequestBody, documentResponseBody, errorResponseBody, faceRequestBody, faceResponseBody, healthResponseBody, paths } from '../../electron/platform/wire.ts';

/**
 * docs/platform-api.yaml and electron/platform/wire.ts must not disagree (types come from the
 * specification or are checked against it: docs/architecture.md "Ports, adapters and contract suites"). Each schema in the document, with $refs resolved and prose
 * (description, examples) dropped, must equal zod's JSON Schema of the code's schema.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const doc = parse(readFileSync(new URL('../../docs/platform-api.yaml', import.meta.url), 'utf8')) as { [key: string]: Json };

function at(pointer: string): Json {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json>((node, key) => (node as { [key: string]: Json })[key] as Json, doc);
}

function normalise(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalise);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') return normalise(at(node.$ref));
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'description' && key !== 'examples') out[key] = normalise(value);
  return out;
}

function codeSchema(schema: ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema) as { [key: string]: Json };
  return rest;
}

const pairs: [string, ZodType][] = [
  ['DocumentRequest', documentRequestBody],
  ['DocumentResponse', documentResponseBody],
  ['FaceRequest', faceRequestBody],
  ['FaceResponse', faceResponseBody],
  ['ErrorResponse', errorResponseBody],
  ['HealthResponse', healthResponseBody],
];

describe('docs/platform-api.yaml', () => {
  it('is OpenAPI 3.1 with the three operations the client calls', () => {
    expect(String(doc.openapi)).toMatch(/^3\.1\./);
    const p = doc.paths as { [key: string]: { [method: string]: Json } };
    expect(Object.keys(p[paths.verifyDocument]!)).toContain('post');
    expect(Object.keys(p[paths.verifyFace]!)).toContain('post');
    expect(Object.keys(p[paths.health]!)).toContain('get');
  });

  for (const [name, schema] of pairs) {
    it(`schema ${name} equals the code's`, () => {
      expect(normalise(at(`#/components/schemas/${name}`))).toEqual(codeSchema(schema));
    });
  }

  it('every example validates against the code schema of its body', () => {
    const operations = doc.paths as { [key: string]: { [method: string]: any } };
    const requestSchema: Record<string, ZodType> = { [paths.verifyDocument]: documentRequestBody, [paths.verifyFace]: faceRequestBody };
    const responseSchema: Record<string, ZodType> = { [paths.verifyDocument]: documentResponseBody, [paths.verifyFace]: faceResponseBody };
    let checked = 0;
    for (const [path, schema] of Object.entries(requestSchema)) {
      for (const example of Object.values(operations[path]!.post.requestBody.content['application/json'].examples) as { value: unknown }[]) {
        expect(schema.safeParse(example.value).success, `${path} request ${JSON.stringify(example.value)}`).toBe(true);
        checked++;
      }
      for (const [status, response] of Object.entries(operations[path]!.post.responses) as [string, any][]) {
        for (const example of Object.values(response.content?.['application/json']?.examples ?? {}) as { value: unknown }[]) {
          const s = status === '200' ? responseSchema[path]! : errorResponseBody;
          expect(s.safeParse(example.value).success, `${path} ${status} ${JSON.stringify(example.value)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('names the same headers, algorithms, canonical form and clock window as the code', () => {
    const params = (doc.components as any).parameters as Record<string, { name: string }>;
    const documented = Object.values(params).map((p) => p.name.toLowerCase()).sort();
    expect(documented).toEqual([headers.timestamp, headers.nonce, headers.digest, headers.keyId, headers.algorithm, headers.signature, headers.idempotencyKey].sort());
    const sig = doc['x-signature'] as any;
    expect(sig.algorithms).toEqual(Object.values(signatureAlgorithmName));
    expect(sig.request[0]).toBe(requestPreamble);
    expect(sig.response[0]).toBe(responsePreamble);
    expect(sig.maxClockSkewSeconds * 1000).toBe(maxClockSkewMs);
  });
});
