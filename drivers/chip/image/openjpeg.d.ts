// Types for the part of @cornerstonejs/codec-openjpeg 1.3.6 (an Emscripten build of OpenJPEG) that
// jpeg2000.ts uses. The package ships none.
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  interface FrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  }
  interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    decode(): void;
    getFrameInfo(): FrameInfo;
    getDecodedBuffer(): Uint8Array;
    delete(): void;
  }
  interface OpenJpegModule {
    J2KDecoder: new () => J2KDecoder;
  }
  const factory: (options?: { print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<OpenJpegModule>;
  export default factory;
}
