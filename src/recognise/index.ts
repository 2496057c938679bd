// The recognition engine: decode → analyse → straighten → OCR → QC. See README.md in this folder.
export { decodeInput, openInput, effectiveDpi, DEFAULT_LIMITS, type DecodeLimits, type OpenedInput } from './decode';
export { RecogniseError, isRecogniseError, type RecogniseErrorCode } from './errors';
export { straighten, analysisCopy, type PageAnalysis } from './imageops';
export { isBlank, exposure } from './imageops-measure';
export { measureSkew } from './imageops-skew';
export { detectOrientation, type OrientationResult } from './orientation';
export { OcrPool, DEFAULT_PSM, type OcrPoolOptions, type OcrPoolStats, type RecognizeOptions } from './ocr-pool';
export { analysePage, processPage, processFile, type PageMeasurements, type ProcessedPage, type ProcessPageOptions, type ProcessFileOptions } from './page-pipeline';
export { QC_THRESHOLDS, qcFlags } from './qc';
export { sniffFormat, type InputFormat } from './sniff';
export type { Box, Colour, OcrLine, OcrResult, OcrWord, PdfTextPage, QcFlag, RasterPage, Rotation } from './types';
