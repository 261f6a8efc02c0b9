// Types for the part of sm-crypto 0.5.8 (src/sm2/index.js) that signing.ts uses. The package ships none.
declare module 'sm-crypto' {
  interface Sm2SignOptions {
    /** DER-encode the signature (SEQUENCE { r, s }); otherwise r||s in hex. */
    der?: boolean;
    /** Hash with SM3 over Z || message (GM/T 0003.2 §6.1). */
    hash?: boolean;
    publicKey?: string;
    /** Distinguishing identifier for Z; defaults to '1234567812345678' (GM/T 0009). */
    userId?: string;
  }
  interface Sm2 {
    doSignature(message: string | number[], privateKeyHex: string, options?: Sm2SignOptions): string;
    doVerifySignature(message: string | number[], signatureHex: string, publicKeyHex: string, options?: Sm2SignOptions): boolean;
    getPublicKeyFromPrivateKey(privateKeyHex: string): string;
    generateKeyPairHex(): { privateKey: string; publicKey: string };
  }
  const smCrypto: { sm2: Sm2; sm3(message: string | number[]): string };
  export default smCrypto;
}
