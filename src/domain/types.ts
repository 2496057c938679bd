// Shapes shared by the extraction rules. The OCR shapes mirror what the recognise layer hands over
// (tesseract.js words/lines with pixel boxes); the Found/Extracted shapes are what the UI shows.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  confidence: number /* 0..100 */;
  bbox: Box;
}
export interface OcrLine {
  text: string;
  confidence: number /* 0..100 */;
  bbox: Box;
  words: OcrWord[];
}
export interface OcrPage {
  pageIndex: number;
  width: number;
  height: number;
  text: string;
  lines: OcrLine[];
}

export interface Found<T> {
  value: T;
  /** 0..1: rule certainty multiplied by the OCR confidence of the words it rests on. */
  confidence: number;
  /** `pageIndex` of the page it was found on. */
  page: number;
  bbox: Box | null;
  /** The matched text, with every BSN masked. */
  source: string;
}

export interface PostcodeValue {
  postcode: string /* '1234 AB' */;
  huisnummer: string | null;
}
export interface SenderValue {
  name: string | null;
  /** The address lines of the sender's block, without the name ('Dorpsstraat 12a', '1234 AB Dorpje'). */
  lines: string[];
}

export interface Extracted {
  letterDate: Found<string /* YYYY-MM-DD */> | null;
  zaaknummer: Found<string> | null;
  /** "uw kenmerk" (the sender's reference) if present, else "ons kenmerk". */
  kenmerk: Found<string> | null;
  onsKenmerk: Found<string> | null;
  uwKenmerk: Found<string> | null;
  /** 8 digits. */
  kvk: Found<string> | null;
  /** Normalised: no spaces, upper case, mod-97 valid. */
  iban: Found<string> | null;
  /** Of the sender, never of the addressed municipality. */
  postcode: Found<PostcodeValue> | null;
  sender: Found<SenderValue> | null;
  /** MASKED ('******789'); the full number never leaves extraction. */
  bsn: Found<string> | null;
  /** The subject line ("Betreft: …"), with every BSN of the letter masked even where its label is out of sight. */
  subject: string | null;
  containsBsn: boolean;
}

export interface ExtractOptions {
  /** A RegExp source; default Open Zaak's `ZAAK-\d{4}-\d{10}`. */
  zaaknummerPattern?: string;
  /** YYYY-MM-DD; dates more than ~2 years after it cannot be the letter date. */
  scanDate?: string;
}
