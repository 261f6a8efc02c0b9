import * as asn1js from 'asn1js';
import { ChipProtocolError } from '../bytes.ts';
import { verifySignature, type AlgorithmRef } from './signature.ts';

/**
 * An X.509 certificate or CRL as signed bytes: SEQUENCE { tbs, signatureAlgorithm, signatureValue } (RFC 5280
 * §4.1, §5.1). The "to be signed" part is kept as the exact bytes received, never re-encoded.
 */
export interface SignedObject {
  readonly tbs: Uint8Array;
  readonly algorithm: AlgorithmRef;
  readonly signature: Uint8Array;
}

export function signedObject(der: Uint8Array): SignedObject {
  const parsed = asn1js.fromBER(der);
  const seq = parsed.result;
  if (parsed.offset === -1 || !(seq instanceof asn1js.Sequence)) throw new ChipProtocolError('signed object is not a SEQUENCE');
  const [tbs, alg, sig] = seq.valueBlock.value;
  const oid = alg instanceof asn1js.Sequence ? alg.valueBlock.value[0] : undefined;
  const params = alg instanceof asn1js.Sequence ? alg.valueBlock.value[1] : undefined;
  if (!tbs || !(oid instanceof asn1js.ObjectIdentifier) || !(sig instanceof asn1js.BitString)) throw new ChipProtocolError('signed object is malformed');
  return {
    tbs: new Uint8Array(tbs.valueBeforeDecodeView),
    algorithm: { algorithm: oid.valueBlock.toString(), parameters: params ? (params.toBER() as ArrayBuffer) : null },
    signature: new Uint8Array(sig.valueBlock.valueHexView),
  };
}

/** Whether the certificate or CRL `der` was signed by the holder of `issuerSpki`. */
export function signedBy(der: Uint8Array, issuerSpki: Uint8Array): boolean {
  try {
    const object = signedObject(der);
    return verifySignature(issuerSpki, object.algorithm, object.tbs, object.signature);
  } catch {
    return false;
  }
}
