/** OCR fallback public API. docs/ocr.md describes the pipeline and its measured accuracy. */
export { createOcrEngine, ocrConfigSchema } from './ocr-engine.ts';
export type { OcrEngine, OcrEngineOptions, OcrConfig, OcrLogger, OcrMrzRead, OcrTiming, OcrErrorCode } from './ocr-engine.ts';
export { DEFAULT_MODEL_DIR } from './tesseract-recogniser.ts';
export { renderDocumentImage } from './document-image.ts';
export type { DocumentImage, DocumentImageOptions, ImageQuality } from './document-image.ts';
export { encodeY4m, writeY4m, writeY4mClip } from './y4m.ts';
export type { ClipFrame, Y4mOptions } from './y4m.ts';
